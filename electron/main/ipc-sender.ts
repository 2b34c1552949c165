/**
 * SECURITY-SENSITIVE. Do not change without a security review.
 *
 * Checklist item 17: every IPC message is checked before it is read. It must come from the main
 * frame of the role window this process created, showing a page of the hall server's origin
 * (compared with a URL parser). Anything else (an iframe, the offline page, a page navigated
 * elsewhere, another window) is refused.
 */

/** The parts of Electron's IpcMainEvent / IpcMainInvokeEvent the check reads. */
export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type SenderDecision = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

export function checkSender(event: IpcSenderEvent, hallOrigin: string, roleContentsId: number | null): SenderDecision {
  if (roleContentsId === null || event.sender.id !== roleContentsId) return { trusted: false, reason: 'not the role window' };
  const frame = event.senderFrame;
  if (frame === null) return { trusted: false, reason: 'sender frame is gone' };
  if (frame.parent !== null) return { trusted: false, reason: 'not the main frame' };
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return { trusted: false, reason: 'unparsable frame URL' };
  }
  if (origin !== hallOrigin) return { trusted: false, reason: `frame origin ${origin} is not the hall server` };
  return { trusted: true };
}
