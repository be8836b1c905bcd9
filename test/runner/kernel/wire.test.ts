import { strict as assert } from "node:assert";
import fc from "fast-check";
import { SignatureError } from "../../../src/runner/errors";
import { createMessage, deserialize, DELIMITER, serialize, sign, signatureMatches } from "../../../src/runner/kernel/wire";

const KEY = "0123456789abcdef0123456789abcdef";

describe("runner/kernel/wire", () => {
  // RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, -256, -384 and -512", test case 2.
  it('sign("Jefe", ["what do ya want ", "for nothing?"]) is RFC 4231 test case 2 (frames are hashed in order)', () => {
    assert.equal(sign("Jefe", ["what do ya want ", "for nothing?"]), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("serialize() lays out [identities, <IDS|MSG>, signature, header, parent, metadata, content] (messaging spec 5.3)", () => {
    const msg = createMessage("execute_request", { code: "1+1" }, "session-1");
    msg.identities = [Buffer.from("client-id")];
    const frames = serialize(msg, KEY);
    assert.equal(frames.length, 7);
    assert.ok(frames[1]?.equals(DELIMITER));
    assert.equal(frames[2]?.toString(), sign(KEY, frames.slice(3, 7)));
    assert.deepEqual(JSON.parse(String(frames[3])).msg_type, "execute_request");
    assert.equal(JSON.parse(String(frames[3])).version, "5.3");
  });

  it("deserialize(serialize(m)) returns the message, identities split off", () => {
    const parent = createMessage("execute_request", {}, "s").header;
    const msg = createMessage("stream", { name: "stdout", text: "hi\n" }, "s", parent);
    msg.identities = [Buffer.from("a"), Buffer.from("b")];
    const back = deserialize(serialize(msg, KEY), KEY, "iopub");
    assert.deepEqual(back.header, msg.header);
    assert.deepEqual(back.parent_header, parent);
    assert.deepEqual(back.content, msg.content);
    assert.deepEqual(back.identities.map(String), ["a", "b"]);
  });

  it("deserialize() rejects a message signed with another key, naming the channel", () => {
    const frames = serialize(createMessage("execute_reply", { status: "ok" }, "s"), "another-key");
    assert.throws(
      () => deserialize(frames, KEY, "shell"),
      (e: unknown) =>
        e instanceof SignatureError &&
        e.channel === "shell" &&
        e.message === "runner: rejected a message on shell with an invalid HMAC-SHA256 signature (it was not signed with this session's key)",
    );
  });

  it("deserialize() rejects frames without the delimiter", () => {
    assert.throws(
      () => deserialize([Buffer.from("x")], KEY, "iopub"),
      /^SignatureError: runner: rejected a malformed message on iopub \(no <IDS\|MSG> delimiter or missing frames\)$/,
    );
  });

  it("signatureMatches() is false for a truncated or empty signature", () => {
    const frames = ["{}", "{}", "{}", "{}"];
    const good = sign(KEY, frames);
    assert.equal(signatureMatches(KEY, good, frames), true);
    assert.equal(signatureMatches(KEY, good.slice(0, 10), frames), false);
    assert.equal(signatureMatches(KEY, "", frames), false);
  });

  it("property: flipping any byte of any signed frame makes deserialize() reject the message", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.integer({ min: 1, max: 255 }), (text, where, flip) => {
        const frames = serialize(createMessage("stream", { name: "stdout", text }, "s"), KEY);
        const signed = frames.slice(2); // signature + 4 JSON frames
        const total = signed.reduce((n, f) => n + f.length, 0);
        let offset = where % total;
        const frameIndex = signed.findIndex((f) => (offset < f.length ? true : ((offset -= f.length), false)));
        const tampered = frames.map((f) => Buffer.from(f));
        const target = tampered[frameIndex + 2] as Buffer;
        target[offset] = (target[offset] as number) ^ flip;
        assert.throws(() => deserialize(tampered, KEY, "iopub"), SignatureError);
      }),
      { numRuns: 200 },
    );
  });
});
