import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { parseId } from '../../graphql/ids';
import { District } from './district.entity';
import { Province } from './province.entity';

@Resolver(() => Province)
export class GeoResolver {
  @Query(() => [Province], { description: 'All provinces, in Thai alphabetical order. Public.' })
  provinces(@Ctx() ctx: Context): Promise<Province[]> {
    return ctx.services.geo.provinces();
  }

  @Query(() => Province, { nullable: true, description: 'One province by code. Public.' })
  province(@Arg('id', () => ID, { description: 'Province code.' }) id: string, @Ctx() ctx: Context) {
    return ctx.services.geo.province(parseId(id));
  }

  @FieldResolver(() => [District], { description: 'Districts of the province, in Thai alphabetical order.' })
  districts(@Root() province: Province, @Ctx() ctx: Context): Promise<District[]> {
    return ctx.loaders.districtsByProvince.load(province.id);
  }
}
