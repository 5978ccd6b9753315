import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { parseId } from '../../graphql/ids';
import { Lao } from '../lao/lao.entity';
import { ImplementationRow } from '../report/report.types';
import { ItaScore } from './ita-score.entity';
import { ItaImportInput, ItaImportPreview, ItaImportResult, SetItaScoreInput } from './ita.types';

/** ITA scores: NACC central enters or imports them; everyone reads them with the LAO and its tables. */
@Resolver()
export class ItaResolver {
  @Mutation(() => ItaScore, {
    description: 'NACC central records (or replaces) an LAO’s ITA score of a fiscal year.',
  })
  setItaScore(
    @Arg('input', { description: 'What to submit.' }) input: SetItaScoreInput,
    @Ctx() ctx: Context,
  ): Promise<ItaScore> {
    return ctx.services.ita.set(ctx.viewer, { ...input, laoId: parseId(input.laoId, 'laoId') });
  }

  @Mutation(() => ItaImportPreview, {
    description:
      'Check a spreadsheet of ITA scores (LAO code, year, score) and show what it would record; writes nothing. NACC central only.',
  })
  previewItaImport(
    @Arg('input', { description: 'The file.' }) input: ItaImportInput,
    @Ctx() ctx: Context,
  ): Promise<ItaImportPreview> {
    return ctx.services.ita.preview(ctx.viewer, input.fileName, input.contentBase64);
  }

  @Mutation(() => ItaImportResult, {
    description:
      'Record every ITA score of a spreadsheet in one transaction; nothing is written if any row is wrong. NACC central only.',
  })
  importItaScores(
    @Arg('input', { description: 'The file.' }) input: ItaImportInput,
    @Ctx() ctx: Context,
  ): Promise<ItaImportResult> {
    return ctx.services.ita.import(ctx.viewer, input.fileName, input.contentBase64);
  }
}

@Resolver(() => Lao)
export class LaoItaResolver {
  @FieldResolver(() => ItaScore, {
    nullable: true,
    description: 'The LAO’s ITA score of a fiscal year (คะแนน ITA); null when none was recorded.',
  })
  itaScore(
    @Root() lao: Lao,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<ItaScore | null> {
    return ctx.loaders.itaScore.load(`${lao.id}:${fiscalYear}`);
  }
}

@Resolver(() => ImplementationRow)
export class ImplementationRowItaResolver {
  @FieldResolver(() => DecimalScalar, {
    nullable: true,
    description: 'The LAO’s ITA score of the table’s fiscal year; null when none was recorded.',
  })
  async itaScore(@Root() row: ImplementationRow, @Ctx() ctx: Context): Promise<string | null> {
    return (await ctx.loaders.itaScore.load(`${row.laoId}:${row.fiscalYear}`))?.score ?? null;
  }
}
