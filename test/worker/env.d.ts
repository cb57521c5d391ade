// Types of the test runtime's bindings and exports, from the Worker itself.
declare namespace Cloudflare {
  interface Env {
    DATA: KVNamespace;
    CONTACT_EMAIL: string;
  }
  interface GlobalProps {
    mainModule: typeof import('../../src/worker/index.ts');
  }
}
