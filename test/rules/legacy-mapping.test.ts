import { Role } from '../../server/auth/role';
import { legacyImportCommand, parseCliArgs } from '../../server/modules/legacy/legacy-cli';
import { baht, beYear } from '../../server/modules/legacy/legacy-source';
import { checkText } from '../../server/modules/legacy/text-check';
import { parseItaScore } from '../../server/modules/legacy/steps/ita';
import { legacyLevel, ourLevel } from '../../server/modules/legacy/steps/levels';
import { legacyPeriodOf, projectYears } from '../../server/modules/legacy/steps/plans';
import { placeKey } from '../../server/modules/legacy/steps/provinces';
import { dayOfZipName } from '../../server/modules/legacy/steps/site-visits';
import { staffRole } from '../../server/modules/legacy/steps/staff';
import { ImplementationLevel, RoundKind } from '../../server/modules/report/report.enums';

const { HIGH, MEDIUM, LOW } = ImplementationLevel;

describe('e-PlanNACC import: mapping rules (docs/domain-decisions.md, Migration from e-PlanNACC)', () => {
  it('maps legacy groups and levels to our roles (LEGACY.md §2.3)', () => {
    const user = (group: number | null, level: number | null, remark = '', officeId: number | null = 53) =>
      staffRole({ group, level, officeId, remark });
    expect(user(9, 3)).toEqual({ role: Role.NACC_CENTRAL, administrator: true });
    expect(user(3, 1)).toEqual({ role: Role.NACC_PROVINCE, legacyProvinceId: 53 });
    expect(user(7, 1)).toEqual({ role: Role.NACC_PROVINCE, legacyProvinceId: 53 });
    expect(user(4, 2, '6')).toEqual({ role: Role.NACC_REGION, region: 6 });
    expect(user(4, 2, 'global')).toEqual({ role: Role.NACC_REGION, region: null });
    expect(user(4, 2, '10')).toEqual({ role: Role.NACC_REGION, region: null });
    expect(user(1, 0)).toHaveProperty('skip');
    expect(user(2, 0)).toHaveProperty('skip');
    expect(user(5, 0)).toEqual({ role: Role.NACC_CENTRAL, administrator: false });
    expect(user(6, null)).toEqual({ role: Role.NACC_CENTRAL, administrator: false });
  });

  it('finds the legacy band bug: 49.01–49.99 and 79.01–79.99 are low in the legacy, not in ours (§4.7)', () => {
    const six = RoundKind.SIX_MONTH;
    const twelve = RoundKind.TWELVE_MONTH;
    expect([legacyLevel(49.5, six), ourLevel(49.5, six)]).toEqual([LOW, MEDIUM]);
    expect([legacyLevel(49.01, six), ourLevel(49.01, six)]).toEqual([LOW, MEDIUM]);
    expect([legacyLevel(49, six), ourLevel(49, six)]).toEqual([MEDIUM, MEDIUM]);
    expect([legacyLevel(50, six), ourLevel(50, six)]).toEqual([HIGH, HIGH]);
    expect([legacyLevel(19.99, six), ourLevel(19.99, six)]).toEqual([LOW, LOW]);
    expect([legacyLevel(79.17, twelve), ourLevel(79.17, twelve)]).toEqual([LOW, MEDIUM]);
    expect([legacyLevel(80, twelve), ourLevel(80, twelve)]).toEqual([HIGH, HIGH]);
    expect([legacyLevel(49.99, twelve), ourLevel(49.99, twelve)]).toEqual([LOW, LOW]);
  });

  it('finds and repairs mojibake, and flags lost characters (§4.1)', () => {
    const thai = 'องค์การบริหารส่วนตำบลดินทอง';
    expect(checkText(thai)).toBeNull();
    expect(checkText('Ban Na 2562')).toBeNull();
    expect(checkText(Buffer.from(thai, 'utf8').toString('latin1'))).toEqual({
      kind: 'double-utf8',
      repaired: thai,
    });
    // TIS-620 bytes shown as Latin-1: Thai letter U+0Exx is byte 0xA1.. (U+0E01 ↔ 0xA1).
    const tis = Array.from(thai, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x0d60)).join('');
    expect(checkText(tis)).toEqual({ kind: 'tis620-as-latin1', repaired: thai });
    expect(checkText('โครงการ???? ปี 2562')).toEqual({ kind: 'lost-characters', repaired: null });
    expect(checkText('อบต.\uFFFD')).toEqual({ kind: 'lost-characters', repaired: null });
  });

  it('reads legacy values: years by value, amounts, ITA scores, zip days, place names', () => {
    expect(projectYears({ year1: '', year2: '2566', year3: '2567', year4: '' })).toEqual([2566, 2567]);
    expect(projectYears({ year1: '2551', year2: 'abcd', year3: '', year4: '2561' })).toEqual([2551, 2561]);
    expect(legacyPeriodOf(2566)).toEqual({ start: 2565, end: 2568 });
    expect(legacyPeriodOf(2561)).toEqual({ start: 2561, end: 2564 });
    expect(beYear('2558')).toBe(2558);
    expect(beYear('0')).toBeNull();
    expect(baht('')).toBe('0');
    expect(baht('1,500,000')).toBe('1500000');
    expect(baht('ห้าพัน')).toBeNull();
    expect(parseItaScore('87.25')).toBe('87.25');
    expect(parseItaScore('85,5')).toBe('85.50');
    expect(parseItaScore('101')).toBeNull();
    expect(parseItaScore('ดีมาก')).toBeNull();
    expect(dayOfZipName('1_2562_07-03-2562_20190307.zip')).toBe('2019-03-07');
    expect(dayOfZipName('1_2562_25620307.zip')).toBe('2019-03-07');
    expect(dayOfZipName('report.zip')).toBeNull();
    expect(placeKey('จังหวัดพิษณุโลก ')).toBe(placeKey('พิษณุโลก'));
    expect(placeKey('อำเภอวังทอง')).toBe('วังทอง');
  });

  it('refuses bad command lines before touching any database', async () => {
    expect(parseCliArgs(['--from', 'mysql://u:p@h:3306/db', '--dry-run', '--files=/srv/up'])).toEqual({
      from: 'mysql://u:p@h:3306/db',
      dryRun: true,
      filesDir: '/srv/up',
      keepLegacyPasswords: false,
    });
    const lines: string[] = [];
    expect(await legacyImportCommand(['--dry-run'], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('Give the legacy database with --from.');
    expect(await legacyImportCommand(['--from', 'x', '--drop-everything'], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.join('\n')).toContain('Unknown option --drop-everything');
  });
});
