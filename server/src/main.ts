/**
 * The language server as a process (bundled as dist/server.js; bin/budget-language-server.js runs it): the
 * transport named on the command line — `--stdio` (also when none is named), `--node-ipc`, `--socket=PORT`,
 * `--pipe=NAME` — and what belongs to a process:
 *
 * - A message the transport cannot read (a bad `Content-Length` or header, a body that is not JSON) leaves the
 *   stream out of step: nothing after it could be read. The server says so (stderr, and the client's log while
 *   the way out still works) and exits with code 1; clients start it again (VS Code's does).
 * - The input closing ends the process: code 0 after a shutdown request, 1 otherwise (LSP).
 * - Over stdio, stdout carries the protocol: console output goes to the client's log instead.
 * - An exception no handler caught is logged, never fatal: the other documents keep being served.
 */
import {
  createServerPipeTransport, createServerSocketTransport, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { startServer, type BudgetServer } from './server';

interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  stdio: boolean;
}

/** The transport named by the arguments (`--x=v` or `--x v`), stdio when none is. */
function transport(argv: string[]): Transport {
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[i + 1];
    if (flag === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    if (flag === '--socket' && Number(value) > 0) {
      const [reader, writer] = createServerSocketTransport(Number(value));
      return { reader, writer, stdio: false };
    }
    if (flag === '--pipe' && value) {
      const [reader, writer] = createServerPipeTransport(value);
      return { reader, writer, stdio: false };
    }
    if (flag === '--stdio') break;
  }
  return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
}

/** Logs to stderr and, while the connection still writes, to the client's log. */
function log(server: BudgetServer | undefined, message: string): void {
  process.stderr.write(`${message}\n`);
  try {
    server?.connection.console.error(message);
  } catch {
    // The connection is gone: stderr has it.
  }
}

/** Console output over stdio would corrupt the protocol on stdout: it goes to the client's log. */
function consoleToClient(server: BudgetServer): void {
  const send = (kind: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]): void => {
    const text = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    try {
      server.connection.console[kind](text);
    } catch {
      process.stderr.write(`${text}\n`);
    }
  };
  console.log = send('log');
  console.info = send('info');
  console.debug = send('log');
  console.warn = send('warn');
  console.error = send('error');
}

function main(): void {
  const t = transport(process.argv.slice(2));
  // eslint-disable-next-line prefer-const -- assigned after the error handler that reads it is registered
  let server: BudgetServer | undefined;
  let failing = false;
  t.reader.onError((e) => {
    if (failing) return;
    failing = true;
    log(server, `budget: the input is not a valid LSP message (${e.message.split('\n')[0]}); the stream is out of step, exiting with code 1 so that the client starts the server again / 输入不是有效的 LSP 消息，数据流已错位，服务器以代码 1 退出，以便客户端重新启动它`);
    process.exitCode = 1;
    // Time for the log message to leave.
    setTimeout(() => process.exit(1), 100);
  });
  server = startServer({ reader: t.reader, writer: t.writer });
  const s = server;
  if (t.stdio) {
    consoleToClient(s);
    const end = (): void => process.exit(s.state.lifecycle.shutdown ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
  }
  // A defect must not take the editor's language support down: log it and keep serving.
  process.on('uncaughtException', (e) => log(s, `budget: internal error / 内部错误: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => log(s, `budget: internal error / 内部错误: ${String(e)}`));
}

main();
