import { exportErrorOf, exportUrl, fileNameOf } from '../../client/src/composables/export-file';

describe('spreadsheet exports on the client', () => {
  it('saves under the Thai name the server gives, not its ASCII fallback', () => {
    const name = 'สถิติการจัดทำแผนและการรายงานผล 2566.xlsx';
    // What Express's res.attachment(name) sends for a Thai name.
    const disposition = `attachment; filename="${'?'.repeat(30)} 2566.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(fileNameOf(disposition)).toBe(name);
    expect(fileNameOf('attachment; filename="report-2566.csv"')).toBe('report-2566.csv');
    expect(fileNameOf('attachment; filename=report-2566.csv')).toBe('report-2566.csv');
    // A badly encoded name falls back to the plain one.
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%B8; filename="fallback.csv"`)).toBe('fallback.csv');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });

  it('leaves empty parameters out of the address and encodes the rest', () => {
    expect(
      exportUrl('statistics', 'csv', {
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        provinceId: null,
        districtId: '',
        level: undefined,
      }),
    ).toBe('/exports/statistics.csv?fiscalYear=2566&round=SIX_MONTH');
    expect(exportUrl('implementation', 'xlsx', { q: 'เมือง & ตำบล', page: 0 })).toBe(
      '/exports/implementation.xlsx?q=%E0%B9%80%E0%B8%A1%E0%B8%B7%E0%B8%AD%E0%B8%87+%26+%E0%B8%95%E0%B8%B3%E0%B8%9A%E0%B8%A5&page=0',
    );
  });

  it('reads a refused export like an API error: the body’s code, else the status', () => {
    expect(exportErrorOf(400, { code: 'BAD_USER_INPUT', message: 'กรุณาระบุปีงบประมาณ' }).code).toBe(
      'BAD_USER_INPUT',
    );
    // A body without a code (a proxy's error page) leaves the status to decide.
    expect(exportErrorOf(401, {}).code).toBe('UNAUTHENTICATED');
    expect(exportErrorOf(403, {}).code).toBe('FORBIDDEN');
    expect(exportErrorOf(404, {}).code).toBe('NOT_FOUND');
    expect(exportErrorOf(502, {}).code).toBe('INTERNAL_SERVER_ERROR');
    // The body's code wins over the status; its text is kept only where it says what blocks.
    const notFound = exportErrorOf(403, { code: 'NOT_FOUND', message: 'ไม่พบรายงานที่ต้องการ' });
    expect([notFound.code, notFound.detail]).toEqual(['NOT_FOUND', null]);
    const tooComplex = exportErrorOf(400, { code: 'QUERY_TOO_COMPLEX', message: 'ขอข้อมูลมากเกินไป' });
    expect(tooComplex.detail).toBe('ขอข้อมูลมากเกินไป');
  });
});
