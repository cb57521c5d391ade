# npm install on this registry mirror cannot see workerd's macOS/Windows packages, so it leaves
# them out of package-lock.json and `npm ci` then refuses the lock. This adds the missing
# optional entries (os/cpu set, so npm skips them on Linux). Run after npm install:
#   python3 test/tools/lock-optional-platforms.py package-lock.json
import json,sys
p=sys.argv[1]
d=json.load(open(p))
pk=d['packages']
plat={'darwin-64':(['darwin'],['x64']),'darwin-arm64':(['darwin'],['arm64']),'linux-64':(['linux'],['x64']),'linux-arm64':(['linux'],['arm64']),'windows-64':(['win32'],['x64'])}
added=[]
for path,meta in list(pk.items()):
    if not path.endswith('node_modules/workerd'): continue
    prefix=path[:-len('workerd')]
    for name,ver in meta.get('optionalDependencies',{}).items():
        # npm resolves from the nearest node_modules upward; check sibling then root
        sib=prefix+name
        if sib in pk and pk[sib]['version']==ver: continue
        root='node_modules/'+name
        if prefix=='node_modules/' or (root in pk and pk[root]['version']==ver): 
            target=root
        else:
            target=sib
        if target in pk: continue
        os_,cpu=plat[name.split('workerd-')[1]]
        pk[target]={'version':ver,'cpu':cpu,'dev':True,'license':'Apache-2.0','optional':True,'os':os_,'engines':{'node':'>=16'}}
        added.append(target)
d['packages']=dict(sorted(pk.items(), key=lambda kv: (kv[0]!='', kv[0])))
json.dump(d,open(p,'w'),indent=2); open(p,'a').write('\n')
print('\n'.join(added))
