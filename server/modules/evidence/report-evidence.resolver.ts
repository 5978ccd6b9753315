import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Report } from '../report/report.entity';
import { ReportEvidence, ReportEvidencePhoto } from './report-evidence.entity';

const downloadUrl = (evidence: ReportEvidence) => `/files/evidence/${evidence.id}`;
const thumbnailUrl = (evidence: ReportEvidence) =>
  evidence.hasThumbnail ? `/files/evidence/${evidence.id}/thumbnail` : null;

@Resolver(() => ReportEvidence)
export class ReportEvidenceResolver {
  @Mutation(() => Boolean, {
    description: 'The LAO removes a file (photo or document) of its progress report.',
  })
  deleteReportEvidence(
    @Arg('id', () => ID, { description: 'The file.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.reportEvidence.delete(ctx.viewer, id);
  }

  @Mutation(() => ReportEvidence, {
    description:
      'The LAO publishes a photo of its progress report on its public page (เผยแพร่ต่อสาธารณะ), or takes it back. Documents cannot be published.',
  })
  setReportEvidencePublic(
    @Arg('id', () => ID, { description: 'The photo.' }) id: string,
    @Arg('isPublic', { description: 'Show it on the public page.' }) isPublic: boolean,
    @Ctx() ctx: Context,
  ): Promise<ReportEvidence> {
    return ctx.services.reportEvidence.setPublic(ctx.viewer, id, isPublic);
  }

  @FieldResolver(() => String, {
    description: 'Where to download it (GET, with the session’s bearer token): /files/evidence/<id>.',
  })
  downloadUrl(@Root() evidence: ReportEvidence): string {
    return downloadUrl(evidence);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where to get its thumbnail (a JPEG): /files/evidence/<id>/thumbnail; null for documents.',
  })
  thumbnailUrl(@Root() evidence: ReportEvidence): string | null {
    return thumbnailUrl(evidence);
  }
}

@Resolver(() => Report)
export class ReportEvidenceFieldResolver {
  @FieldResolver(() => [ReportEvidence], {
    nullable: true,
    description:
      'Photos and documents the LAO attached, oldest first: for the LAO and NACC in reach; null for anyone else. Uploaded with POST /files/reports/<id>/evidence.',
  })
  evidence(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportEvidence[] | null> {
    return ctx.services.reportEvidence.listFor(ctx.viewer, report, (id) =>
      ctx.loaders.reportEvidence.load(id),
    );
  }

  @FieldResolver(() => [ReportEvidencePhoto], {
    description: 'The photos the LAO published with this report (public), oldest first.',
  })
  async publicPhotos(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportEvidencePhoto[]> {
    const files = await ctx.loaders.reportEvidence.load(report.id);
    return files
      .filter((file) => file.isPublic)
      .map((file) => ({
        id: file.id,
        fileName: file.fileName,
        downloadUrl: downloadUrl(file),
        thumbnailUrl: thumbnailUrl(file),
      }));
  }
}
