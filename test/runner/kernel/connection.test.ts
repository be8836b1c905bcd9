import { strict as assert } from "node:assert";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createConnection, freePorts, type PortProbe } from "../../../src/runner/kernel/connection";

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

  it("freePorts skips a port given twice and the ports of this process's live connections (until removed), and closes every probe", async () => {
    const live = await createConnection("tslab", async () => [40001, 40002, 40003, 40004, 40005]);
    const closed: number[] = [];
    const scripted = (ports: number[]) => {
      const queue = [...ports];
      return async (): Promise<PortProbe> => {
        const port = queue.shift();
        assert.ok(port !== undefined, "asked for more probes than scripted");
        return { port, close: async () => void closed.push(port) };
      };
    };
    try {
      assert.deepEqual(await freePorts(3, scripted([40002, 50001, 50001, 40005, 50002, 50003])), [50001, 50002, 50003]);
      assert.deepEqual(closed.sort(), [40002, 40005, 50001, 50001, 50002, 50003], "every probe is closed, the skipped ones too");
    } finally {
      live.remove();
    }
    assert.deepEqual(await freePorts(2, scripted([40002, 40005])), [40002, 40005], "free again once their connection is removed");
  });

  it("connections made at once get distinct ports (a kernel is never told another live kernel's port)", async () => {
    const made = await Promise.all(Array.from({ length: 20 }, () => createConnection("tslab")));
    try {
      const ports = made.flatMap((c) => [c.info.shell_port, c.info.iopub_port, c.info.stdin_port, c.info.control_port, c.info.hb_port]);
      assert.equal(new Set(ports).size, 100);
    } finally {
      for (const c of made) c.remove();
    }
  });
});
