// Looking at a process group through Linux /proc (proc(5)): which processes belong to it, their
// resident memory and CPU time. Node exposes no wait4() rusage for children, so the command
// runner samples the group every ~50 ms instead: peak memory is the larger of (a) the highest sum
// of VmRSS over the group's members seen in one sample and (b) the highest VmHWM (the kernel's own
// per-process peak) of any member — so a single big process is measured exactly even between
// samples, while short-lived helpers between samples can be missed (a program that ends before the
// first sample reads 0). CPU seconds are the last seen
// utime+stime of each member (clock ticks at the usual USER_HZ of 100): a lower bound, since time
// spent after the last sample is not seen. On systems without /proc every figure reads 0.

import { readdirSync, readFileSync } from "node:fs";

export interface Member {
  pid: number;
  state: string;
  pgrp: number;
  cpuTicks: number;
}

const USER_HZ = 100;

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses (proc(5)). */
export function parseStat(pid: number, text: string): Member | null {
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const f = text.slice(close + 2).split(" ");
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
  const pgrp = Number(f[2]);
  const ticks = Number(f[11]) + Number(f[12]);
  if (!Number.isFinite(pgrp)) return null;
  return { pid, state: f[0] ?? "?", pgrp, cpuTicks: Number.isFinite(ticks) ? ticks : 0 };
}

function readStat(pid: number): Member | null {
  try {
    return parseStat(pid, readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null; // gone between listing and reading, or no /proc
  }
}

/** Live (non-zombie) members of process group `pgid`. */
export function groupMembers(pgid: number): Member[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const out: Member[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const m = readStat(Number(name));
    if (m !== null && m.pgrp === pgid && m.state !== "Z" && m.state !== "X") out.push(m);
  }
  return out;
}

/** True while `pid` exists and is not a zombie (a killed orphan may linger as one until reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const m = readStat(pid);
  return m === null ? true : m.state !== "Z" && m.state !== "X";
}

function statusKb(pid: number): { rss: number; hwm: number } {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Accumulates peak memory and CPU time of a process group from repeated samples. */
export class GroupSampler {
  private peakSumKb = 0;
  private peakHwmKb = 0;
  private readonly ticks = new Map<number, number>();
  constructor(readonly pgid: number) {}

  sample(): void {
    let sum = 0;
    for (const m of groupMembers(this.pgid)) {
      const s = statusKb(m.pid);
      sum += s.rss;
      if (s.hwm > this.peakHwmKb) this.peakHwmKb = s.hwm;
      this.ticks.set(m.pid, Math.max(this.ticks.get(m.pid) ?? 0, m.cpuTicks));
    }
    if (sum > this.peakSumKb) this.peakSumKb = sum;
  }

  get peakRssBytes(): number {
    return Math.max(this.peakSumKb, this.peakHwmKb) * 1024;
  }

  get cpuSeconds(): number {
    let t = 0;
    for (const v of this.ticks.values()) t += v;
    return t / USER_HZ;
  }
}
