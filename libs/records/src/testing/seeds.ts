import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '#libs/views';

/** The two real records (copies of ../shared/seeds kept under test/fixtures/seeds). */
export const SEED_FILES = { oldham: '000_df90ee194b41cad9.txt', doncaster: '002_90fd4c86da8dc638.txt' } as const;

export function seedText(name: keyof typeof SEED_FILES): string {
  return readFileSync(join(projectRoot(), 'test', 'fixtures', 'seeds', SEED_FILES[name]), 'utf8');
}
