import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { referenceGeographyOf } from '../modules/geo/reference-data';
import { loadGeography } from '../seed/national/geography';

// Rewrites server/modules/geo/thailand-geography.json (npm run geo:reference) from the checked
// geography of the national seed, so production needs no dev dependency to know its provinces.
const file = path.resolve(__dirname, '..', 'modules', 'geo', 'thailand-geography.json');
const main = async () => {
  const geography = referenceGeographyOf(await loadGeography());
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(JSON.stringify(geography), options));
  console.log(
    `Wrote ${geography.provinces.length} provinces and ${geography.districts.length} districts into ${file}`,
  );
};
void main();
