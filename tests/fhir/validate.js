// SPDX-License-Identifier: Apache-2.0
// Validates FHIR R4 JSON files with the 'fhir' npm package (base resource definitions: cardinality,
// types, required elements, unknown elements). Value-set bindings it cannot resolve offline are reported
// as information/warnings and do not fail. Exit 0 = all valid, 1 = invalid, 77 = validator not installed.
'use strict';
const fs = require('fs');
const path = require('path');
let Fhir;
try {
  ({ Fhir } = require(path.join(process.env.PRECIS_FHIR_MODULES || __dirname, 'node_modules', 'fhir')));
} catch (e) {
  console.log('SKIP: the fhir npm package is not installed (run: npm install --prefix <dir> fhir@4.12.0)');
  process.exit(77);
}
const fhir = new Fhir();
let failed = 0;
for (const file of process.argv.slice(2)) {
  const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  const errors = result.messages.filter((m) => m.severity === 'error');
  if (!result.valid || errors.length > 0) {
    failed += 1;
    console.log(`INVALID ${file}`);
    for (const m of errors) console.log(`  ${m.location}: ${m.message}`);
  } else {
    const entries = resource.entry ? resource.entry.length : 0;
    console.log(`valid ${file} (${resource.resourceType}, ${entries} entries)`);
  }
}
process.exit(failed === 0 ? 0 : 1);
