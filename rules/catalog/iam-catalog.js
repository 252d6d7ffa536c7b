// Emits the compact action catalogue (see regenerate-iam-catalog.sh) on stdout, sorted so regeneration is stable.
const fs = require('fs');
const path = require('path');
const root = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const dir = path.join(root, 'data', 'actions');
const typesDir = path.join(root, 'data', 'resourceTypes');
const mode = process.argv[3] || 'actions';
if (mode === 'resource-types') {
  // service<TAB>resource type<TAB>ARN pattern, ${Placeholders} turned into IAM '*' wildcards.
  const rows = [];
  for (const file of fs.readdirSync(typesDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const service = file.slice(0, -5);
    const types = JSON.parse(fs.readFileSync(path.join(typesDir, file), 'utf8'));
    for (const key of Object.keys(types).sort()) {
      const arn = types[key].arn;
      if (typeof arn !== 'string' || !arn.startsWith('arn:')) continue;
      rows.push([service, key, arn.replace(/\$\{[^}]*\}/g, '*')].join('\t'));
    }
  }
  process.stdout.write('# source: npm ' + pkg.name + '@' + pkg.version + ' (' + pkg.license + ')\n');
  process.stdout.write('# columns: service, resource type, ARN pattern\n');
  process.stdout.write(rows.join('\n') + '\n');
  process.exit(0);
}
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
