import { Dimension } from '../../modules/plan/plan.enums';
import { TargetGroup, WorkType } from '../../modules/project/project.enums';

/** Thai words the national dataset is made of: people, offices, plan rows, reasons. */

export const maleFirstNames = [
  'สมชาย',
  'สมศักดิ์',
  'ประเสริฐ',
  'วิชัย',
  'สุรชัย',
  'ธนากร',
  'อนุชา',
  'ชัยวัฒน์',
  'บุญมี',
  'สมพงษ์',
  'วีระ',
  'ณรงค์',
  'ประยุทธ',
  'สุทธิพงษ์',
  'อำนาจ',
  'จักรพันธ์',
  'กิตติศักดิ์',
  'ธีรวัฒน์',
  'พงศกร',
  'ศักดิ์ชัย',
  'นิพนธ์',
  'บุญเลิศ',
  'เกียรติศักดิ์',
  'ทองดี',
  'มานพ',
  'สุเมธ',
  'อภิชาติ',
  'ปิยะ',
  'วัชระ',
  'ไพโรจน์',
];
export const femaleFirstNames = [
  'สมหญิง',
  'สุภาพร',
  'วราภรณ์',
  'กนกวรรณ',
  'ศิริพร',
  'นงลักษณ์',
  'พรทิพย์',
  'อรุณี',
  'จันทร์เพ็ญ',
  'รัชนี',
  'ปราณี',
  'สุนิสา',
  'ณัฐธิดา',
  'วิไลวรรณ',
  'พัชรินทร์',
  'กาญจนา',
  'อัญชลี',
  'เยาวลักษณ์',
  'ดวงใจ',
  'มาลัย',
  'ลำดวน',
  'ศศิธร',
  'ธนพร',
  'ปิยนุช',
  'จิราพร',
  'บุษบา',
  'สายสุนีย์',
  'อุไรวรรณ',
  'เพ็ญศรี',
  'ทิพวรรณ',
];
export const surnames = [
  'ใจดี',
  'รักงาน',
  'ทับไทร',
  'ศรีสุข',
  'บุญมา',
  'แก้วมณี',
  'สุขเจริญ',
  'ทองคำ',
  'จันทร์หอม',
  'พรหมมา',
  'วงศ์ใหญ่',
  'ศรีวงศ์',
  'มั่นคง',
  'สายทอง',
  'เพชรรัตน์',
  'อินทร์แก้ว',
  'นาคสุข',
  'พิมพ์ทอง',
  'ชัยมงคล',
  'บุญเรือง',
  'ประเสริฐศรี',
  'ดวงแก้ว',
  'คำแสน',
  'ศรีทอง',
  'ปัญญาดี',
  'สมบูรณ์ชัย',
  'ธรรมวงศ์',
  'แสงอรุณ',
  'ภูมิพัฒน์',
  'เรืองศรี',
  'กาญจนวงศ์',
  'ทองประเสริฐ',
  'สิทธิชัย',
  'บัวแก้ว',
  'หอมจันทร์',
  'มณีวงศ์',
  'อ่อนศรี',
  'ขันทอง',
  'ยอดดี',
  'พลายงาม',
];

export const coordinatorPositions = [
  'นักวิเคราะห์นโยบายและแผน',
  'นักวิเคราะห์นโยบายและแผนชำนาญการ',
  'นักจัดการงานทั่วไป',
  'นักทรัพยากรบุคคล',
  'หัวหน้าสำนักปลัด',
  'เจ้าพนักงานธุรการ',
  'นิติกร',
];
export const coordinatorUnits = ['สำนักปลัด', 'กองคลัง', 'กองช่าง', 'กองการศึกษา', 'กองยุทธศาสตร์และงบประมาณ'];

/** A row template of an anti-corruption plan: name, work type, dimension, usual target groups, budget. */
export type ProjectTemplate = {
  name: string;
  workType: WorkType;
  dimension: Dimension;
  targets: TargetGroup[];
  /** Typical anti-corruption budget in baht when not zero: [min, max]. */
  budget: [number, number];
  /** Share of plans that put no money on it. */
  zeroShare: number;
};

const { PROJECT, ACTIVITY, MEASURE, GUIDELINE } = WorkType;
const { SOCIETY, ADMINISTRATION, PARTICIPATION, OVERSIGHT } = Dimension;
const {
  POLITICAL_EXECUTIVES: EXEC,
  LOCAL_COUNCIL_MEMBERS: COUNCIL,
  OFFICIALS,
  CHILDREN_AND_YOUTH: YOUTH,
  PUBLIC,
  EDUCATIONAL_INSTITUTIONS: SCHOOLS,
  YOUTH_VOLUNTEERS: VOLUNTEERS,
  STATE_ENTERPRISES: ENTERPRISES,
  LOCAL_GOVERNMENT_AGENCIES: AGENCIES,
} = TargetGroup;

const t = (
  name: string,
  workType: WorkType,
  dimension: Dimension,
  targets: TargetGroup[],
  budget: [number, number] = [0, 0],
  zeroShare = budget[1] === 0 ? 1 : 0.35,
): ProjectTemplate => ({ name, workType, dimension, targets, budget, zeroShare });

/** Rows seen in LAO plans (seeds), spread over the four dimensions. */
export const projectTemplates: ProjectTemplate[] = [
  t('โครงการส่งเสริมคุณธรรมและจริยธรรมในการป้องกันการทุจริต', PROJECT, SOCIETY, [OFFICIALS, EXEC], [10000, 80000]),
  t(
    'โครงการอบรมคุณธรรมจริยธรรมของคณะผู้บริหารและพนักงาน',
    PROJECT,
    SOCIETY,
    [EXEC, COUNCIL, OFFICIALS],
    [15000, 120000],
  ),
  t('โครงการสร้างจิตสำนึกและความตระหนักในการต่อต้านการทุจริต', PROJECT, SOCIETY, [PUBLIC, OFFICIALS], [5000, 50000]),
  t('โครงการป้องกันผลประโยชน์ทับซ้อน', PROJECT, SOCIETY, [OFFICIALS, EXEC], [5000, 30000]),
  t('กิจกรรมให้ความรู้เรื่องผลประโยชน์ทับซ้อนแก่บุคลากร', ACTIVITY, SOCIETY, [OFFICIALS]),
  t('โครงการเยาวชนรุ่นใหม่ร่วมใจต้านทุจริต', PROJECT, SOCIETY, [YOUTH, SCHOOLS, VOLUNTEERS], [10000, 60000]),
  t('โครงการส่งเสริมการปฏิบัติตามปรัชญาของเศรษฐกิจพอเพียง', PROJECT, SOCIETY, [PUBLIC, YOUTH], [10000, 100000]),
  t(
    'กิจกรรมปลูกจิตสำนึกการรักษาทรัพยากรธรรมชาติและสิ่งแวดล้อม',
    ACTIVITY,
    SOCIETY,
    [PUBLIC, YOUTH, SCHOOLS],
    [5000, 40000],
  ),
  t('มาตรการเสริมสร้างองค์ความรู้ด้านการต่อต้านการทุจริต', MEASURE, SOCIETY, [OFFICIALS, COUNCIL]),
  t('กิจกรรมการจัดทำประมวลจริยธรรมของบุคลากร', ACTIVITY, SOCIETY, [OFFICIALS, EXEC]),
  t('มาตรการ “จัดทำข้อตกลงการปฏิบัติราชการ”', MEASURE, ADMINISTRATION, [OFFICIALS]),
  t('มาตรการ “ให้ความร่วมมือกับหน่วยงานตรวจสอบทั้งภาครัฐและองค์กรอิสระ”', MEASURE, ADMINISTRATION, [
    OFFICIALS,
    AGENCIES,
  ]),
  t('กิจกรรมการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง', ACTIVITY, ADMINISTRATION, [PUBLIC, OFFICIALS]),
  t('มาตรการออกคำสั่งมอบหมายของนายกและปลัดให้รองปฏิบัติราชการแทน', MEASURE, ADMINISTRATION, [EXEC, OFFICIALS]),
  t('มาตรการการสร้างความโปร่งใสในการบริหารงานบุคคล', MEASURE, ADMINISTRATION, [OFFICIALS]),
  t('กิจกรรมการจัดทำแผนอัตรากำลัง 3 ปี', ACTIVITY, ADMINISTRATION, [OFFICIALS]),
  t('โครงการจ้างสำรวจความพึงพอใจของผู้รับบริการ', PROJECT, ADMINISTRATION, [PUBLIC], [10000, 40000], 0.1),
  t('โครงการอบรมบุคลากรไร้ทุจริต', PROJECT, ADMINISTRATION, [OFFICIALS], [10000, 60000]),
  t(
    'กิจกรรมเชิดชูเกียรติบุคคลที่ช่วยเหลือกิจการสาธารณะหรือมีจิตสาธารณะ',
    ACTIVITY,
    ADMINISTRATION,
    [PUBLIC],
    [3000, 20000],
  ),
  t('มาตรการลดขั้นตอนการปฏิบัติงานและการให้บริการประชาชน', MEASURE, ADMINISTRATION, [PUBLIC, OFFICIALS]),
  t('กิจกรรมการพัฒนาระบบบริการประชาชนผ่านช่องทางอิเล็กทรอนิกส์', ACTIVITY, ADMINISTRATION, [PUBLIC], [5000, 150000]),
  t('แนวปฏิบัติการจัดซื้อจัดจ้างตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ', GUIDELINE, ADMINISTRATION, [
    OFFICIALS,
    ENTERPRISES,
  ]),
  t('มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียน', MEASURE, PARTICIPATION, [PUBLIC]),
  t('โครงการจัดเวทีประชาคม', PROJECT, PARTICIPATION, [PUBLIC, AGENCIES], [5000, 50000]),
  t('โครงการประชาคมแผนพัฒนาท้องถิ่น', PROJECT, PARTICIPATION, [PUBLIC, COUNCIL], [5000, 40000]),
  t('กิจกรรมการดำเนินงานศูนย์รับเรื่องราวร้องทุกข์', ACTIVITY, PARTICIPATION, [PUBLIC]),
  t('กิจกรรมการเผยแพร่ข้อมูลข่าวสารผ่านเว็บไซต์และสื่อสังคมออนไลน์', ACTIVITY, PARTICIPATION, [PUBLIC], [0, 20000]),
  t('มาตรการแต่งตั้งตัวแทนประชาคมเข้าร่วมเป็นกรรมการตรวจรับงานจัดซื้อจัดจ้าง', MEASURE, PARTICIPATION, [PUBLIC]),
  t('โครงการอบรมอาสาสมัครเฝ้าระวังการทุจริตในชุมชน', PROJECT, PARTICIPATION, [PUBLIC, VOLUNTEERS], [5000, 50000]),
  t('กิจกรรมการรายงานผลการใช้จ่ายงบประมาณให้ประชาชนทราบ', ACTIVITY, PARTICIPATION, [PUBLIC]),
  t(
    'โครงการส่งเสริมการมีส่วนร่วมของประชาชนในการจัดทำงบประมาณ',
    PROJECT,
    PARTICIPATION,
    [PUBLIC, YOUTH],
    [5000, 30000],
  ),
  t('กิจกรรมติดตามประเมินผลการควบคุมภายใน', ACTIVITY, OVERSIGHT, [OFFICIALS]),
  t('กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น', ACTIVITY, OVERSIGHT, [COUNCIL], [10000, 80000]),
  t(
    'โครงการส่งเสริมความรู้ด้านกฎ ระเบียบ และกฎหมายที่เกี่ยวข้องสำหรับผู้บริหารและสมาชิกสภาท้องถิ่น',
    PROJECT,
    OVERSIGHT,
    [EXEC, COUNCIL],
    [10000, 100000],
  ),
  t('มาตรการการจัดทำรายงานการควบคุมภายใน', MEASURE, OVERSIGHT, [OFFICIALS]),
  t('กิจกรรมการตรวจสอบภายในประจำปี', ACTIVITY, OVERSIGHT, [OFFICIALS]),
  t('มาตรการเฝ้าระวังการคอร์รัปชันโดยภาคประชาชน', MEASURE, OVERSIGHT, [PUBLIC, VOLUNTEERS]),
  t('กิจกรรมการมีส่วนร่วมของสมาชิกสภาในการตรวจสอบการปฏิบัติงานของฝ่ายบริหาร', ACTIVITY, OVERSIGHT, [COUNCIL, EXEC]),
  t('แนวปฏิบัติการตรวจสอบการใช้จ่ายเงินอุดหนุน', GUIDELINE, OVERSIGHT, [OFFICIALS, AGENCIES]),
  t('โครงการพัฒนาระบบการตรวจสอบภายในด้วยเทคโนโลยีสารสนเทศ', PROJECT, OVERSIGHT, [OFFICIALS], [20000, 200000]),
];

export const essences = [
  'ดำเนินการตามแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับธรรมาภิบาลในการบริหารงาน',
  'จัดอบรมให้ความรู้และจัดกิจกรรมแลกเปลี่ยนเรียนรู้ปีละ 1 ครั้ง',
  'เผยแพร่ข้อมูลทางเว็บไซต์ บอร์ดประชาสัมพันธ์ และหอกระจายข่าว',
  'แต่งตั้งคณะทำงาน ประชุมติดตาม และรายงานผลต่อผู้บริหาร',
  'ปฏิบัติต่อเนื่องตลอดปีงบประมาณ',
];
export const objectives = [
  'เพื่อป้องกันการทุจริตและประพฤติมิชอบ',
  'เพื่อให้การบริหารงานเป็นไปอย่างโปร่งใส ตรวจสอบได้',
  'เพื่อส่งเสริมการมีส่วนร่วมของประชาชน',
  'เพื่อสร้างจิตสำนึกที่ดีแก่บุคลากรและประชาชน',
];

/** Why NACC rejected a project (ปฏิเสธ: ไม่สอดคล้องกับมิติ). */
export const rejectionReasons = [
  'โครงการไม่สอดคล้องกับมิติที่กำหนด',
  'เป็นงานประจำตามภารกิจปกติ ไม่ใช่กิจกรรมป้องกันการทุจริต',
  'วัตถุประสงค์ไม่เกี่ยวข้องกับการป้องกันการทุจริต',
  'รายละเอียดไม่เพียงพอต่อการพิจารณา',
];

/** "อื่นๆ" reasons of projects that could not be carried out, some tied to their year. */
export const unableOtherReasons = [
  'ติดภารกิจเร่งด่วนด้านการป้องกันและบรรเทาสาธารณภัย',
  'อยู่ระหว่างรอการอนุมัติโอนงบประมาณ',
  'เลื่อนการดำเนินการไปปีงบประมาณถัดไป',
];
export const covidReason = 'สถานการณ์การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 (COVID-19)';

export const assessmentComments = [
  'แผนครบทั้ง 4 มิติ โครงการสอดคล้องกับมิติที่กำหนด',
  'แผนผ่านเกณฑ์ ควรเพิ่มโครงการในมิติที่ 3',
  'แผนผ่านเกณฑ์',
  null,
];
export const incompleteComments = [
  'แผนยังไม่ครบทั้ง 4 มิติ กรุณาปรับปรุงและส่งใหม่',
  'โครงการหลายรายการไม่สอดคล้องกับมิติที่กำหนด',
];
