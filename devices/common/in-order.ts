/**
 * Runs asynchronous steps one after another, in call order: each starts once the one before it
 * has settled, whether it succeeded or failed, and its caller gets its own result. Drivers use it
 * because a transport takes one write at a time (an overlapping write is refused as busy,
 * common/transport.ts), and a printer runs one job at a time.
 */
export type InOrder = <T>(step: () => Promise<T>) => Promise<T>;

export function inOrder(): InOrder {
  let last: Promise<unknown> = Promise.resolve();
  return (step) => {
    const run = last.then(step);
    last = run.catch(() => undefined);
    return run;
  };
}
