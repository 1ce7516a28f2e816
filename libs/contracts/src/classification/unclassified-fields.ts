import type { EventDefinition, PersonalPath } from '../define-event';
import { notPersonalReasonOf } from './not-personal';
import { stringFieldPaths } from './string-fields';

/** Whether a path is, or lies inside, one of the given personal paths ('complainant' covers 'complainant.name'). */
export function isUnderPaths(path: PersonalPath, paths: readonly PersonalPath[]): boolean {
  return paths.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`));
}

/**
 * The string fields of an event version without exactly one classification decision: personal
 * in this version (`personal` or `personalInClear`), or not personal with a reason
 * (NOT_PERSONAL). Each is described, e.g. "LessonRecorded v2 lesson: no decision".
 */
export function unclassifiedStringFields(definition: EventDefinition): string[] {
  const personal = [...definition.personal, ...(definition.personalInClear ?? [])];
  const problems: string[] = [];
  for (const path of stringFieldPaths(definition.schema)) {
    const isPersonal = isUnderPaths(path, personal);
    const reason = notPersonalReasonOf(definition.type, definition.schemaVersion, path);
    if (!isPersonal && reason === undefined)
      problems.push(
        `${definition.type} v${definition.schemaVersion} ${path}: no decision (personal, or NOT_PERSONAL with a reason)`,
      );
    if (isPersonal && reason !== undefined)
      problems.push(
        `${definition.type} v${definition.schemaVersion} ${path}: both personal and not personal (${reason})`,
      );
  }
  return problems;
}
