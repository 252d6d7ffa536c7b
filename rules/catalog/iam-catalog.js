// Emits the compact action catalogue (see regenerate-iam-catalog.sh) on stdout, sorted so regeneration is stable.
const fs = require('fs');
const path = require('path');
const root = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const dir = path.join(root, 'data', 'actions');
const lines = [];
for (const file of fs.readdirSync(dir).sort()) {
  if (!file.endsWith('.json')) continue;
  const service = file.slice(0, -5);
  const actions = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const key of Object.keys(actions).sort()) {
    const a = actions[key];
    const types = (a.resourceTypes || []).map(r => r.name + (r.required ? '*' : '')).join(',');
    // The data marks some actions 'Permissions management, Write' or 'Tagging, Write': the first level is the specific one.
    const level = String(a.accessLevel || 'Write').split(',')[0].trim();
    lines.push([service, a.name, level, types].join('\t'));
  }
}
process.stdout.write('# source: npm ' + pkg.name + '@' + pkg.version + ' (' + pkg.license + ')\n');
process.stdout.write('# columns: service, action, access level, resource types (* = required)\n');
process.stdout.write(lines.join('\n') + '\n');
