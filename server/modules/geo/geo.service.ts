import type { DataSource } from 'typeorm';
import { Province } from './province.entity';

/** Master data of places; public, read-only through the API. */
export class GeoService {
  constructor(private readonly dataSource: DataSource) {}

  provinces(): Promise<Province[]> {
    return this.dataSource.getRepository(Province).find({ order: { nameTh: 'ASC' } });
  }

  province(id: number): Promise<Province | null> {
    return this.dataSource.getRepository(Province).findOneBy({ id });
  }
}
