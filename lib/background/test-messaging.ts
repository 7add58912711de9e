import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  type MessageSender,
  type MessagingBrowser,
  type RequestInput,
  type RequestName,
  type Result,
  sendMessage,
} from '../messages';

/**
 * Test helpers (imported by the background's *.test.ts files only): messages sent through the listener that
 * startBackground registered on fakeBrowser, from a sender the test chooses, cloned both ways as a browser would.
 */

/** Deliver a raw message (valid or not) and resolve with the listener's reply. */
export function deliver(message: unknown, sender: MessageSender): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(structuredClone(message), sender, (reply: Result<unknown>) =>
      resolve(structuredClone(reply)),
    );
  });
}

/** What a content script or extension page holds: a transport that reports its sender. */
export function senderBrowser(sender: MessageSender): MessagingBrowser {
  return { runtime: { sendMessage: (message) => deliver(message, sender) } };
}

/** A typed `sendMessage` from `sender`. */
export function client(sender: MessageSender) {
  const browser = senderBrowser(sender);
  return <K extends RequestName>(name: K, input: RequestInput<K>) => sendMessage(name, input, { browser });
}

/** The value of an ok reply; throws with the error of any other. */
export async function value<T>(reply: Promise<Result<T>>): Promise<T> {
  const result = await reply;
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result.value;
}
