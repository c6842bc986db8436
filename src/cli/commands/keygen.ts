// `repro-audit keygen --out <prefix>`: writes an Ed25519 key pair for signing sign-offs:
// <prefix>.private.pem (PKCS#8, mode 0600) and <prefix>.public.pem (SPKI). Never overwrites.

import { existsSync, writeFileSync } from "node:fs";
import type { Argv, CommandModule } from "yargs";
import { dirname, resolve } from "node:path";
import { ArtifactError, describeFsError, UsageError } from "../../errors.js";
import { ensureDir } from "../../io/atomic.js";
import { generateSigningKeys } from "../../report/signoff.js";

interface KeygenArgs {
  out: string;
}

export const keygenCommand: CommandModule<object, KeygenArgs> = {
  command: "keygen",
  describe: "Make an Ed25519 key pair (PEM) for signed sign-offs",
  builder: (y: Argv<object>) =>
    y
      .option("out", { type: "string", demandOption: true, describe: "path prefix: writes PREFIX.private.pem and PREFIX.public.pem" })
      .example("$0 keygen --out ~/.repro-audit/alice", "then: repro-audit signoff report.json --by Alice --key ~/.repro-audit/alice.private.pem") as unknown as Argv<KeygenArgs>,
  handler: (args) => {
    const priv = `${args.out}.private.pem`;
    const pub = `${args.out}.public.pem`;
    for (const p of [priv, pub]) if (existsSync(p)) throw new UsageError(`${p} already exists; choose another --out prefix (keys are never overwritten)`);
    ensureDir(dirname(resolve(priv)), "key folder");
    const keys = generateSigningKeys();
    // "wx": create only, never replace; the private key is created 0600, never readable by others.
    try {
      writeFileSync(priv, keys.privateKeyPem, { mode: 0o600, flag: "wx" });
      writeFileSync(pub, keys.publicKeyPem, { mode: 0o644, flag: "wx" });
    } catch (err) {
      throw new ArtifactError(`cannot write the key pair at ${args.out}: ${describeFsError(err)}. Choose a writable --out prefix.`, { file: priv, cause: err });
    }
    process.stdout.write(`wrote ${priv} (keep it secret)\nwrote ${pub} (share it; verify with --pub)\n`);
  },
};
