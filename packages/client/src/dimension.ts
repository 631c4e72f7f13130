import { AssessmentType } from '../generated/enums.js';
import type { components } from '../generated/schema.js';

/** Fields every assessment dimension may carry, whatever its type. */
export interface DimensionInfo {
  /** Dimension title (维度标题). */
  title?: string;
  /** Dimension description (维度描述). */
  description?: string;
}
/** A 打分题 (score question) dimension: the answer is `score`. */
export interface ScoreDimension extends DimensionInfo {
  /** Dimension type (维度类型): `1` Score — 打分题, a score question: the answer is `score`. */
  assessment_type: typeof AssessmentType.Score;
  /** Score (打分题分数), an int32. */
  score: number;
}
/** A 单选题 (single choice) dimension: the answer is `option`. */
export interface SingleChoiceDimension extends DimensionInfo {
  /** Dimension type (维度类型): `2` SingleChoice — 单选题, a single choice: the answer is `option`. */
  assessment_type: typeof AssessmentType.SingleChoice;
  /** The chosen option (单选选项). */
  option: string;
}
/** A 描述题 (description question) dimension: the answer is `content`. */
export interface DescriptionDimension extends DimensionInfo {
  /** Dimension type (维度类型): `3` Description — 描述题, a description question: the answer is `content`. */
  assessment_type: typeof AssessmentType.Description;
  /** The description text (描述内容). */
  content: string;
}
/** A 多选题 (multiple choice) dimension: the answer is `options`. */
export interface MultipleChoiceDimension extends DimensionInfo {
  /** Dimension type (维度类型): `4` MultipleChoice — 多选题, a multiple choice: the answer is `options`. */
  assessment_type: typeof AssessmentType.MultipleChoice;
  /** The chosen options (多选选项). */
  options: string[];
}
/** An assessment dimension whose answer sits in the one field its `assessment_type` uses. */
export type AssessmentDimension = ScoreDimension | SingleChoiceDimension | DescriptionDimension | MultipleChoiceDimension;

/** The answer fields of a dimension; each question type uses one of them. */
type AnswerFields = 'score' | 'option' | 'options' | 'content';
/** A dimension of type `T` whose answer, if given, is `answer`; the other answer fields are not allowed. */
type DimensionOf<D extends AssessmentDimension> = DimensionInfo & Pick<D, 'assessment_type'> & {
  [K in AnswerFields]?: K extends keyof D ? D[K] : never;
};
/**
 * A dimension as `update()` takes it: the answer may be left out (the source requires none), but it can only sit in
 * the field its `assessment_type` uses; a dimension without `assessment_type` carries no answer.
 */
export type AssessmentDimensionInput =
  | DimensionOf<ScoreDimension>
  | DimensionOf<SingleChoiceDimension>
  | DimensionOf<DescriptionDimension>
  | DimensionOf<MultipleChoiceDimension>
  // `?: never`, not `?: undefined`: with exactOptionalPropertyTypes only `never` is assignable to the spec's
  // `assessment_type?: AssessmentType`, and this type must stay assignable to the spec's (the raw client takes it).
  | (DimensionInfo & {
      /** Dimension type (维度类型), left out: a dimension without a type carries no answer. */
      assessment_type?: never;
    } & { [K in AnswerFields]?: never });

/** Copies title/description (when given) and the one answer field; anything else is dropped. */
function make<D extends AssessmentDimension>(assessment_type: D['assessment_type'], input: DimensionInfo, answer: string, value: unknown): D {
  const d: Record<string, unknown> = { assessment_type };
  if (input.title !== undefined) d.title = input.title;
  if (input.description !== undefined) d.description = input.description;
  d[answer] = value;
  return d as D;
}

/** Builders of assessment dimensions, one per assessment_type, so the answer cannot land in the wrong field. */
export const dimension = {
  /** A 打分题 (score question) dimension: `dimension.score({ title: '技术能力', score: 90 })`. */
  score: (d: DimensionInfo & { score: number }): ScoreDimension => make(AssessmentType.Score, d, 'score', d.score),
  /** A 单选题 (single choice) dimension: `dimension.singleChoice({ title: '推荐', option: '强烈推荐' })`. */
  singleChoice: (d: DimensionInfo & { option: string }): SingleChoiceDimension => make(AssessmentType.SingleChoice, d, 'option', d.option),
  /** A 描述题 (description question) dimension: `dimension.description({ title: '评语', content: '...' })`. */
  description: (d: DimensionInfo & { content: string }): DescriptionDimension => make(AssessmentType.Description, d, 'content', d.content),
  /** A 多选题 (multiple choice) dimension: `dimension.multipleChoice({ title: '技能', options: ['Go', 'TS'] })`. */
  multipleChoice: (d: DimensionInfo & { options: string[] }): MultipleChoiceDimension => make(AssessmentType.MultipleChoice, d, 'options', d.options),
};

/** Whether A and B are the same type. */
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
/**
 * A request body as the methods take it: the spec's, except that each assessment dimension must put its answer in the
 * field its `assessment_type` uses (`AssessmentDimensionInput`; the spec's type allows any answer field). A
 * homomorphic mapped type, so every field keeps its optionality and its JSDoc from the spec.
 */
export type ClientBody<T> =
  Same<T, components['schemas']['ExternalInterviewAssessmentDimension']> extends true ? AssessmentDimensionInput
  : T extends readonly (infer U)[] ? ClientBody<U>[]
  : T extends object ? { [K in keyof T]: ClientBody<T[K]> }
  : T;
/** An interview assessment as create and update take it: the spec's, with dimensions of the type `AssessmentDimensionInput`. */
export type UpdateExternalInterviewAssessment = ClientBody<components['schemas']['ExternalInterviewAssessmentInput']>;
