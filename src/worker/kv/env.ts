// What the Worker is given: the KV binding, and a way to outlive the request.
export interface Env {
  DATA: KVNamespace;
  /**
   * The current request's ctx.waitUntil. A read shared with other requests must
   * outlive the request that started it: workerd cancels a request's pending
   * I/O when it ends, which would leave the others waiting forever.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
}
