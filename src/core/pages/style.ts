// The one stylesheet of every page (the landing page, table, row and release
// pages), inlined; its hash is the only style the pages' CSP allows.
export const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--accent:#0b5cad;--bar:#2f6fb3}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;--line:#30363d;--accent:#6cb6ff;--bar:#4c8ed9}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}
header{padding-top:2rem}
.wide header,.wide main,.wide footer{max-width:96rem}
td{max-width:32rem}
.scroll td{min-width:6rem}
.scroll td.text{min-width:18rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.4rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:1px solid var(--line)}
h3{font-size:1.1rem;margin:0 0 .25rem}
a{color:var(--accent)}
.lead{font-size:1.15rem;margin:.25rem 0 1rem}
.muted,figcaption,.meta{color:var(--muted)}
nav ul,.links{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;margin:1rem 0}
.panel{margin:0;padding:.75rem;background:var(--panel);border-radius:6px}
.panel figcaption{font-weight:600;margin-bottom:.5rem}
.panel svg{width:100%;height:auto;display:block;font-size:14px;fill:var(--fg)}
.panel rect{fill:var(--bar)}
.panel .value{font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
th.num,td.num{text-align:right}
td.num{white-space:nowrap}
@media (max-width:40rem){table{font-size:.875rem}th[scope=row]{min-width:10rem}td.num{white-space:normal}}
article{padding:1rem 0;border-bottom:1px solid var(--line)}
details{margin:.25rem 0}
summary{cursor:pointer;color:var(--accent)}
pre{background:var(--panel);padding:.6rem .75rem;border-radius:6px;overflow-x:auto;font-size:.85rem;margin:.25rem 0 .75rem}
pre code{user-select:all}
code{overflow-wrap:anywhere}
pre.wrap{white-space:pre-wrap}
.snippet h4{font-size:.9rem;margin:.75rem 0 0}
footer{padding:2rem 1rem 3rem;color:var(--muted);font-size:.9rem}
.crumbs{margin:0 0 .25rem;font-size:.9rem}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"/";margin-right:.25rem;color:var(--muted)}
form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem 1rem;padding:.75rem;background:var(--panel);border-radius:6px;margin:.5rem 0 1rem}
form.filters label{display:block;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.3rem .4rem;width:100%}
button{background:var(--accent);color:var(--bg);border-color:var(--accent);cursor:pointer;width:auto}
.actions{display:flex;gap:1rem;align-items:end}
.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.5rem 1rem;margin:.5rem 0 1rem}
.facets ul{list-style:none;padding:0;margin:0;font-size:.9rem}
.facets li{display:flex;justify-content:space-between;gap:.5rem}
.facets .on{font-weight:600}
th a{text-decoration:none}
th[aria-sort] a::after{content:" ▲"}
th[aria-sort=descending] a::after{content:" ▼"}
.pages{display:flex;gap:1rem;justify-content:space-between;align-items:center;margin:.75rem 0;flex-wrap:wrap}
dl.row{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.3rem 1rem;margin:.5rem 0 1rem}
dl.row dt{color:var(--muted)}
dl.row dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl.row{grid-template-columns:1fr;gap:0}dl.row dd{margin-bottom:.5rem}}
ins,del{padding:0 .15rem;border-radius:3px}
ins{text-decoration:none}
ins,tr.added td{background:#d6f5dd}
del,tr.removed td{background:#fbd9d9}
@media (prefers-color-scheme:dark){ins,tr.added td{background:#12361f}del,tr.removed td{background:#4a1c1c}}
.map{margin:.5rem 0}
.map svg{width:100%;height:auto;display:block}
.map .land{fill:var(--panel);stroke:var(--line);stroke-width:.5}
.map .participant{fill:#8fb8e0}
.map .case{fill:#e0a14f}
.map .host{fill:#b3413a}
.map .dot{stroke:var(--fg);stroke-width:.5}
.key{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
.key span{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-.1rem}
.key .participant{background:#8fb8e0}.key .case{background:#e0a14f}.key .host{background:#b3413a}
.label{color:var(--muted);font-size:.9em}
.total{font-weight:600}
ul.refs{margin:0;padding-left:1.1rem}
`.trim();
