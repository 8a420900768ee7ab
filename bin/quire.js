#!/usr/bin/env node
// Quire runs its TypeScript sources through tsx, so there is no build step.
// The tsconfig is named explicitly so JSX works from any working directory.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
register({ tsconfig });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
