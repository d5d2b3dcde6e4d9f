import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU counters (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Reading {
  at: number;
  busyTicks: number;
  ownTicks: number;
  postgresTicks: number;
}

/**
 * How much CPU others used while the benchmark ran, in cores: the machine's busy time (/proc/stat) less
 * this process, its finished children (the servers and import children it spawned) and the PostgreSQL
 * server's processes (part of the workload on that store). The 1-minute load average cannot tell: the
 * benchmark's own work keeps it near 1. Null where /proc is not there.
 */
export function startCpuMeter(): { othersCores(): number | null } {
  const start = read();
  return {
    othersCores() {
      const end = read();
      if (!start || !end) return null;
      const seconds = (end.at - start.at) / 1000;
      if (seconds <= 0) return null;
      const others =
        end.busyTicks -
        start.busyTicks -
        (end.ownTicks - start.ownTicks) -
        (end.postgresTicks - start.postgresTicks);
      return Math.max(0, Math.round((others / TICKS / seconds) * 100) / 100);
    },
  };
}

function read(): Reading | null {
  try {
    const cpu =
      readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
    const busyTicks = cpu.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
    const own = statFields(readFileSync('/proc/self/stat', 'utf8'));
    // utime, stime, cutime, cstime (fields 14-17)
    const ownTicks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(own[i] ?? 0), 0);
    return { at: Date.now(), busyTicks, ownTicks, postgresTicks: postgresTicks() };
  } catch {
    return null;
  }
}

/** The fields after a /proc/PID/stat line's command name (which may hold spaces), from field 3 on. */
function statFields(line: string): string[] {
  return line.slice(line.lastIndexOf(')') + 2).split(' ');
}

function postgresTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!line.includes('(postgres)')) continue;
      const fields = statFields(line);
      // utime, stime, and the finished backends the postmaster reaped (cutime, cstime)
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}
