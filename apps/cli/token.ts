/**
 * Prints a JWT for local use:
 *   npm run token -- --sub u1 --name "A Person" --roles officer,consultee:hr [--expires 8h]
 * Signed with JWT_SECRET (or the development default the API uses when it is unset).
 */
import { parseArgs } from 'node:util';
import { isRole, signToken } from '../../libs/auth/src/token.js';
import { loadConfig } from '../../libs/config/src/config.js';

const usage = 'usage: npm run token -- --sub <user id> --name "<name>" --roles <role>[,<role>…] [--expires <hours>h]';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sub: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'string', multiple: true },
        expires: { type: 'string', default: '8h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.sub) {
    console.error(`--sub is required\n${usage}`);
    return 2;
  }
  const roles = (values.roles ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) {
    console.error(`unknown role(s): ${unknown.join(', ')} — use officer, consultee:<area>, decision-maker, democratic-services, scrutiny, hr, admin`);
    return 2;
  }
  const hours = /^(\d+)h$/.exec(values.expires ?? '8h');
  if (!hours) {
    console.error(`--expires must look like 8h, got '${values.expires}'`);
    return 2;
  }
  const secret = loadConfig().jwtSecret;
  console.log(signToken({ sub: values.sub, name: values.name ?? values.sub, roles }, secret, Number(hours[1]) * 3600));
  return 0;
}

process.exitCode = main();
