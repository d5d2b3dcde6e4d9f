import { Command, CommanderError } from 'commander';
import { isDomainError } from '../core/shared/errors.js';
import { VERSION } from '../version.js';
import { FailedAfterReport, type CliIo } from './cli-context.js';
import {
  AuditBroken,
  auditCommand,
  dbCommand,
  initCommand,
  tokenCommand,
  userCommand,
} from './commands/admin.command.js';
import { demoCommand } from './commands/demo.command.js';
import { incidentCommand } from './commands/incident.command.js';
import { kpiCommand } from './commands/kpi.command.js';
import { trendsCommand } from './commands/trends.command.js';
import { lessonsCommand } from './commands/lessons.command.js';
import { reviewCommand } from './commands/review.command.js';
import { serveCommand } from './commands/serve.command.js';
import { actionsCommand } from './commands/actions.command.js';
import { evidenceCommand } from './commands/evidence.command.js';

export function buildProgram(io: CliIo): Command {
  const program = new Command('hindsight')
    .description('Learn from incidents: reviews, root-cause analysis, lessons, actions and KPIs')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  for (const command of [
    initCommand(io),
    serveCommand(io),
    dbCommand(io),
    incidentCommand(io),
    reviewCommand(io),
    lessonsCommand(io),
    userCommand(io),
    tokenCommand(io),
    auditCommand(io),
    demoCommand(io),
    kpiCommand(io),
    trendsCommand(io),
    actionsCommand(io),
    evidenceCommand(io),
  ]) {
    program.addCommand(command);
  }
  for (const command of program.commands) applyExitOverride(command);
  return program;
}

function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) applyExitOverride(sub);
}

/**
 * Runs one CLI invocation and returns its exit code: 0 on success, 1 when the input or the request was
 * refused (every problem listed), 2 on a usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof AuditBroken || error instanceof FailedAfterReport) return 1;
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isDomainError(error)) {
      if (json) {
        io.out(
          JSON.stringify(
            { error: { code: error.code, message: error.message, details: error.details } },
            null,
            2,
          ),
        );
      } else {
        io.err(`error: ${headline(error.message, error.details)}`);
        for (const detail of error.details) io.err(`  ${detail.path}: ${detail.problem}`);
      }
      return 1;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** "review is invalid: a: x; b: y" prints as "review is invalid" followed by one line per problem. */
function headline(message: string, details: readonly { path: string }[]): string {
  const first = details[0];
  if (!first) return message;
  const cut = message.indexOf(`: ${first.path}`);
  return cut > 0 ? message.slice(0, cut) : message;
}
