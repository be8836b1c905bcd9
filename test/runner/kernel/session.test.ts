import { strict as assert } from "node:assert";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { KernelStartupError } from "../../../src/runner/errors";
import { createConnection, freePorts, LOOPBACK } from "../../../src/runner/kernel/connection";
import { resolveKernelSpec } from "../../../src/runner/kernel/kernelspec";
import { KernelProcess, liveKernelPids } from "../../../src/runner/kernel/launch";
import { KernelSession, PORT_ATTEMPTS, takenAddress } from "../../../src/runner/kernel/session";
import { createMessage, serialize } from "../../../src/runner/kernel/wire";

describe("runner/kernel/session", function () {
  this.timeout(60_000);

  it("takenAddress() reads the address a kernel's log reports in use (tslab's format), and nothing from other logs", () => {
    const tslabLog = "UnhandledPromiseRejection: [Error: Address already in use] {\n  errno: 98,\n  code: 'EADDRINUSE',\n  address: 'tcp://127.0.0.1:37103'\n}";
    assert.equal(takenAddress(tslabLog), "tcp://127.0.0.1:37103");
    assert.equal(takenAddress("zmq bind tcp://127.0.0.1:5555 failed: Address already in use"), "tcp://127.0.0.1:5555");
    assert.equal(takenAddress("Error: EADDRINUSE"), "a port");
    assert.equal(takenAddress("Starting kernel\nready"), undefined);
  });

  describe("when another program takes a port before the kernel binds it (real tslab)", () => {
    let blocker: Server;
    let taken: number;
    before(async () => {
      blocker = createServer().listen(0, LOOPBACK);
      await new Promise((r) => blocker.once("listening", r));
      taken = (blocker.address() as { port: number }).port;
    });
    after(() => blocker.close());
    afterEach(() => assert.deepEqual(liveKernelPids(), [], "no kernel is left running"));

    /** Free ports, with the iopub port (the second) replaced by the taken one on the first `times` picks. */
    const picker = (times: number) => {
      let calls = 0;
      const pick = async (count: number): Promise<number[]> => {
        calls++;
        const ports = await freePorts(count);
        if (calls <= times) ports[1] = taken;
        return ports;
      };
      return { pick, calls: () => calls };
    };

    it("the kernel itself exits (code 1), its log naming the port, so that a Jupyter front end starts it again on new ports", async () => {
      const connection = await createConnection("tslab", picker(1).pick);
      const kernel = await KernelProcess.start(resolveKernelSpec("tslab"), connection.file, tmpdir(), connection.remove);
      try {
        const exit = await Promise.race([kernel.exited, new Promise<"alive">((r) => setTimeout(() => r("alive"), 20_000))]);
        assert.deepEqual(exit, { code: 1, signal: null }, kernel.log);
        assert.match(kernel.log, /tslabMain: the kernel could not start serving, so it exits for its front end to start it again: .*Address already in use/);
        assert.equal(takenAddress(kernel.log), `tcp://${LOOPBACK}:${taken}`);
      } finally {
        await kernel.stop(0);
      }
    });

    it("starts again on fresh ports: the kernel answers and publishes, on a port that was free", async () => {
      const { pick, calls } = picker(1);
      const session = await KernelSession.start("tslab", tmpdir(), 30_000, pick);
      try {
        assert.equal(calls(), 2);
        assert.notEqual(session.connection.info.iopub_port, taken);
        assert.equal((session.info as { implementation?: string }).implementation, "tslab");
      } finally {
        await session.shutdown();
      }
      assert.equal(session.process.alive, false);
    });

    it("a message signed with another key before the first reply (its iopub port is another kernel's, publishing) starts it again on fresh ports", async () => {
      const { Publisher } = await import("zeromq");
      const other = new Publisher();
      await other.bind(`tcp://${LOOPBACK}:0`);
      const otherPort = Number(/:(\d+)$/.exec(other.lastEndpoint ?? "")?.[1]);
      const otherKey = "another kernel's key";
      const status = createMessage("status", { execution_state: "idle" }, "another-session");
      const publishing = setInterval(() => void other.send(serialize(status, otherKey)).catch(() => undefined), 10);
      let calls = 0;
      const pick = async (count: number): Promise<number[]> => {
        calls++;
        const ports = await freePorts(count);
        if (calls === 1) ports[1] = otherPort;
        return ports;
      };
      try {
        const session = await KernelSession.start("tslab", tmpdir(), 30_000, pick);
        try {
          assert.equal(calls, 2);
          assert.notEqual(session.connection.info.iopub_port, otherPort);
          assert.equal((session.info as { implementation?: string }).implementation, "tslab");
        } finally {
          await session.shutdown();
        }
      } finally {
        clearInterval(publishing);
        other.close();
      }
    });

    it(`gives up after ${PORT_ATTEMPTS} starts with the port taken each time: KernelStartupError naming it, no kernel left`, async () => {
      const { pick, calls } = picker(Infinity);
      await assert.rejects(KernelSession.start("tslab", tmpdir(), 30_000, pick), (e: unknown) => {
        assert.ok(e instanceof KernelStartupError, String(e));
        assert.equal(
          e.message,
          `runner: kernel "tslab" could not bind its ports ${PORT_ATTEMPTS} times in a row: tcp://${LOOPBACK}:${taken} was already in use (another program took a port between its choice and the kernel's start)`,
        );
        return true;
      });
      assert.equal(calls(), PORT_ATTEMPTS);
    });
  });
});
