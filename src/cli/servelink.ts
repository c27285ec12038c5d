// servelink – the console from the command line (spec 18.4); `npm run build:cli` bundles it into
// dist/cli/servelink.js, the package's bin. See `servelink --help` and src/cli/cli.ts.
import { runCli } from "./cli";

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
