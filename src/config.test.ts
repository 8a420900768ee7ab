import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { loadConfig, SETTING_NAMES } from './config.ts';
import { HELP } from './cli/main.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.trustProxy, false);
  });

  it('reads every variable', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@h/db', QUIRE_DATA_DIR: '/srv/quire', QUIRE_SITE_NAME: 'Fic Hub', QUIRE_TRUST_PROXY: 'true', QUIRE_MAX_BODY_BYTES: '2048', LOG_LEVEL: 'warn' });
    assert.deepEqual(
      { port: config.port, host: config.host, url: config.databaseUrl, dir: config.dataDir, site: config.siteName, proxy: config.trustProxy, body: config.maxBodyBytes, log: config.logLevel },
      { port: 8080, host: '0.0.0.0', url: 'postgres://u@h/db', dir: '/srv/quire', site: 'Fic Hub', proxy: true, body: 2048, log: 'warn' },
    );
  });

  it('reads the job queue, email and hit settings', () => {
    const defaults = loadConfig({ PORT: '8080' });
    assert.deepEqual(
      { jobs: defaults.jobs, url: defaults.publicUrl, smtp: defaults.smtpUrl, from: defaults.mailFrom, flush: defaults.hitsFlushSeconds },
      { jobs: true, url: 'http://localhost:8080', smtp: undefined, from: 'Quire <noreply@localhost>', flush: 10 },
    );
    const config = loadConfig({ QUIRE_JOBS: 'off', QUIRE_PUBLIC_URL: 'https://fic.example.org/', SMTP_URL: 'smtps://u:p@mail.example.org:465', QUIRE_MAIL_FROM: 'Fic Hub <hello@fic.example.org>', QUIRE_HITS_FLUSH_SECONDS: '60' });
    assert.deepEqual(
      { jobs: config.jobs, url: config.publicUrl, smtp: config.smtpUrl, from: config.mailFrom, flush: config.hitsFlushSeconds },
      { jobs: false, url: 'https://fic.example.org', smtp: 'smtps://u:p@mail.example.org:465', from: 'Fic Hub <hello@fic.example.org>', flush: 60 },
    );
    assert.throws(() => loadConfig({ QUIRE_JOBS: 'maybe' }), /QUIRE_JOBS must be on or off/);
    assert.throws(() => loadConfig({ QUIRE_PUBLIC_URL: 'ftp://x' }), /QUIRE_PUBLIC_URL must be an http\(s\) URL/);
    assert.throws(() => loadConfig({ QUIRE_MAIL_FROM: 'Quire <q@example.org>\r\nBcc: x@example.org' }), /QUIRE_MAIL_FROM must be one line/);
    assert.throws(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail' }), (error: Error) => /SMTP_URL must be an smtp/.test(error.message) && !error.message.includes('hunter2'));
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).port, 3000);
  });

  it('names the bad variable in one line', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a whole number from 1 to 65535 \(got "abc"\)$/],
      [{ PORT: '70000' }, /^Invalid configuration: PORT must be at most 65535/],
      [{ QUIRE_TRUST_PROXY: 'maybe' }, /^Invalid configuration: QUIRE_TRUST_PROXY must be true or false/],
      [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL must be one of/],
      [{ QUIRE_SECRET: 'short' }, /^Invalid configuration: QUIRE_SECRET must be at least 32 characters long$/],
    ];
    for (const [env, message] of cases) {
      assert.throws(() => loadConfig(env), (error: Error) => message.test(error.message) && !error.message.includes('\n'));
    }
  });

  it('never echoes a database URL, which may hold a password', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' }), (error: Error) => !error.message.includes('secret'));
  });

  it('documents every setting in the README and in quire --help', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES) {
      assert.ok(readme.includes(name), `README.md names ${name}`);
      assert.ok(HELP.includes(name), `quire --help names ${name}`);
    }
  });
});
