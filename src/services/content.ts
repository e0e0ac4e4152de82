import { marked } from 'marked';
import {
  type ExerciseQuery,
  type Library,
  getExercise,
  ladderOf,
  searchExercises,
} from '../core/library/library';
import { renderExerciseSvg } from '../core/library/illustration';
import type { Exercise } from '../core/library/types';
import type { EducationPage } from '../content/education';
import { notFound } from './errors';

export interface RenderedEducationPage extends EducationPage {
  html: string;
}

/**
 * The exercise library and education pages: public content, the same for
 * everyone, so there is nothing to check access for. Loaded once at start.
 */
export class ContentService {
  private readonly pages: RenderedEducationPage[];
  private readonly svgCache = new Map<string, string>();

  constructor(
    readonly library: Library,
    education: EducationPage[],
  ) {
    this.pages = education.map((p) => ({ ...p, html: marked.parse(p.markdown, { async: false }) }));
  }

  exercises(query: ExerciseQuery): Exercise[] {
    return searchExercises(this.library, query);
  }

  exercise(slug: string): Exercise {
    const ex = getExercise(this.library, slug);
    if (!ex) throw notFound('That exercise');
    return ex;
  }

  ladder(slug: string): Exercise[] {
    return ladderOf(this.library, slug);
  }

  illustration(slug: string, frame: 'start' | 'end' | 'animated'): string {
    const key = `${slug}:${frame}`;
    let svg = this.svgCache.get(key);
    if (!svg) {
      svg = renderExerciseSvg(this.exercise(slug), { frame });
      this.svgCache.set(key, svg);
    }
    return svg;
  }

  educationPages(): RenderedEducationPage[] {
    return this.pages;
  }

  educationPage(slug: string): RenderedEducationPage {
    const page = this.pages.find((p) => p.slug === slug);
    if (!page) throw notFound('That page');
    return page;
  }
}
