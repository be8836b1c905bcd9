/**
 * The Jupyter wire protocol (messaging spec v5.3, "The Wire Protocol"):
 *
 *     [zmq identities..., "<IDS|MSG>", HMAC signature, header, parent_header, metadata, content, buffers...]
 *
 * The signature is the hex HMAC-SHA256, keyed with the connection file's
 * `key`, of the four JSON frames header, parent_header, metadata, content
 * in that order. Every incoming message is verified in constant time and a
 * mismatch is rejected with a `SignatureError` before anything is parsed.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { SignatureError } from "../errors";

/** The frame that separates routing identities from the message. */
export const DELIMITER = Buffer.from("<IDS|MSG>");
/** The protocol version this client speaks. */
export const PROTOCOL_VERSION = "5.3";

/** A message header (spec: "General Message Format"). */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded message. */
export interface Message<Content = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  /** The header of the request this message answers; `{}` when none. */
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Content;
  buffers: Buffer[];
}

/**
 * The hex HMAC-SHA256 of the frames, in order.
 * @example sign("Jefe", ["what do ya want ", "for nothing?"]) // => "5bdcc146…3843" (RFC 4231, test case 2)
 */
export function sign(key: string, frames: ReadonlyArray<string | Buffer>): string {
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(key: string, signature: string | Buffer, frames: ReadonlyArray<string | Buffer>): boolean {
  const expected = Buffer.from(sign(key, frames), "latin1");
  const received = Buffer.isBuffer(signature) ? signature : Buffer.from(signature, "latin1");
  // timingSafeEqual needs equal lengths; compare against itself to keep the time flat.
  if (received.length !== expected.length) return timingSafeEqual(expected, expected) && false;
  return timingSafeEqual(received, expected);
}

/** A new message with a fresh id, for `session`. */
export function createMessage<Content>(msgType: string, content: Content, session: string, parent: Partial<Header> = {}): Message<Content> {
  return {
    identities: [],
    header: {
      msg_id: randomUUID(),
      session,
      username: "tradeoff-lab",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: parent,
    metadata: {},
    content,
    buffers: [],
  };
}

/** Encodes and signs a message into ZeroMQ frames. */
export function serialize(message: Message<unknown>, key: string): Buffer[] {
  const body = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part)),
  );
  return [...message.identities, DELIMITER, Buffer.from(sign(key, body)), ...body, ...message.buffers];
}

/**
 * Verifies and decodes ZeroMQ frames.
 * @param channel the socket the frames came from, named in errors
 * @throws SignatureError when the signature does not match (nothing is parsed)
 * @throws SyntaxError when a signed frame is not JSON
 */
export function deserialize(frames: readonly Buffer[], key: string, channel: string): Message {
  const delimiter = frames.findIndex((f) => f.equals(DELIMITER));
  if (delimiter < 0 || frames.length < delimiter + 6) {
    throw new SignatureError(`runner: rejected a malformed message on ${channel} (no <IDS|MSG> delimiter or missing frames)`, channel);
  }
  const signature = frames[delimiter + 1] as Buffer;
  const body = frames.slice(delimiter + 2, delimiter + 6);
  if (!signatureMatches(key, signature, body)) {
    throw new SignatureError(
      `runner: rejected a message on ${channel} with an invalid HMAC-SHA256 signature (it was not signed with this session's key)`,
      channel,
    );
  }
  const [header, parent, metadata, content] = body.map((b) => JSON.parse(b.toString("utf8")) as unknown);
  return {
    identities: frames.slice(0, delimiter),
    header: header as Header,
    parent_header: parent as Partial<Header>,
    metadata: metadata as Record<string, unknown>,
    content: content as Record<string, unknown>,
    buffers: frames.slice(delimiter + 6),
  };
}
