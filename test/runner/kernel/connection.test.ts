import { strict as assert } from "node:assert";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createConnection, freePorts } from "../../../src/runner/kernel/connection";

describe("runner/kernel/connection", () => {
  it("createConnection() writes a 0600 file in a private 0700 folder, loopback only, random key", async () => {
    const a = await createConnection("tslab");
    const b = await createConnection("tslab");
    try {
      assert.equal(statSync(a.dir).mode & 0o777, 0o700);
      assert.equal(statSync(a.file).mode & 0o777, 0o600);
      const info = JSON.parse(readFileSync(a.file, "utf8"));
      assert.deepEqual(info, a.info);
      assert.equal(info.ip, "127.0.0.1");
      assert.equal(info.transport, "tcp");
      assert.equal(info.signature_scheme, "hmac-sha256");
      assert.match(info.key, /^[0-9a-f]{64}$/);
      assert.notEqual(a.info.key, b.info.key);
      const ports = [info.shell_port, info.iopub_port, info.stdin_port, info.control_port, info.hb_port];
      assert.equal(new Set(ports).size, 5);
    } finally {
      a.remove();
      b.remove();
    }
    assert.equal(existsSync(a.dir), false);
    a.remove(); // a second call is harmless
  });

  it("freePorts(3) gives three distinct ports in 1..65535", async () => {
    const ports = await freePorts(3);
    assert.equal(new Set(ports).size, 3);
    for (const p of ports) assert.ok(p >= 1 && p <= 65535);
  });
});
