import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  enterWith(context: RequestContext): void {
    storage.enterWith(context);
  },
  get requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
