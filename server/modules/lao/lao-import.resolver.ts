import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { ERROR_LIMIT, LIST_LIMIT } from './lao-import.service';
import { LaoImportInput, LaoImportPreview, LaoImportResult } from './lao-import.types';

/** NACC central imports the national LAO master list from DLA. */
@Resolver()
export class LaoImportResolver {
  @Mutation(() => LaoImportPreview, {
    description:
      'Check the national LAO list from DLA and show what importing it would change (new, renamed, moved, retyped, missing); writes nothing. NACC central only.',
  })
  async previewLaoImport(
    @Arg('input', { description: 'The file.' }) input: LaoImportInput,
    @Ctx() ctx: Context,
  ): Promise<LaoImportPreview> {
    const { file, set } = await ctx.services.laoImport.preview(
      ctx.viewer,
      input.fileName,
      input.contentBase64,
    );
    return {
      rowCount: file.rowCount,
      valid: file.errors.length === 0,
      errorCount: file.errors.length,
      errors: file.errors.slice(0, ERROR_LIMIT),
      listLimit: LIST_LIMIT,
      createdCount: set.created.length,
      renamedCount: set.renamed.length,
      movedCount: set.moved.length,
      retypedCount: set.retyped.length,
      unchangedCount: set.unchangedCount,
      missingCount: set.missing.length,
      missingWithDataCount: set.missing.filter((lao) => lao.hasData).length,
      created: set.created.slice(0, LIST_LIMIT),
      renamed: set.renamed.slice(0, LIST_LIMIT),
      moved: set.moved.slice(0, LIST_LIMIT),
      retyped: set.retyped.slice(0, LIST_LIMIT),
      missing: set.missing.slice(0, LIST_LIMIT),
    };
  }

  @Mutation(() => LaoImportResult, {
    description:
      'Upsert the national LAO list by code in one transaction; nothing is written if any row is wrong. An LAO that has data is never deleted. NACC central only.',
  })
  importLaos(
    @Arg('input', { description: 'The file.' }) input: LaoImportInput,
    @Arg('deleteMissing', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: 'Also delete LAOs missing from the file that have no data (those with data are kept).',
    })
    deleteMissing: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<LaoImportResult> {
    return ctx.services.laoImport.import(
      ctx.viewer,
      input.fileName,
      input.contentBase64,
      deleteMissing === true,
    );
  }
}
