// Moving modules and lessons of a draft up and down (« Monter », « Descendre »): the whole new order, as
// `PUT …/draft/order` wants it. Plain functions, tested beside.
import type { ReorderRequest } from '@academie/contracts';

interface Ordered {
  id: string;
  lessons: { id: string }[];
}

export type Direction = 'up' | 'down';

function orderOf(modules: readonly Ordered[]): ReorderRequest {
  return { modules: modules.map((module) => ({ id: module.id, lessonIds: module.lessons.map((lesson) => lesson.id) })) };
}

function swapped<T>(items: readonly T[], index: number, direction: Direction): T[] | undefined {
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= items.length) return undefined;
  const copy = [...items];
  [copy[index], copy[other]] = [copy[other], copy[index]];
  return copy;
}

/** The order with the module moved one place, or undefined when it cannot move that way. */
export function moveModule(modules: readonly Ordered[], moduleId: string, direction: Direction): ReorderRequest | undefined {
  const moved = swapped(modules, modules.findIndex((module) => module.id === moduleId), direction);
  return moved === undefined ? undefined : orderOf(moved);
}

/**
 * The order with the lesson moved one place inside its module; past the first or last lesson, it goes to
 * the end of the previous module or the start of the next one. Undefined when there is nowhere to go.
 */
export function moveLesson(modules: readonly Ordered[], lessonId: string, direction: Direction): ReorderRequest | undefined {
  const order = orderOf(modules).modules;
  const m = order.findIndex((module) => module.lessonIds.includes(lessonId));
  if (m < 0) return undefined;
  const lessons = order[m].lessonIds;
  const index = lessons.indexOf(lessonId);
  const inside = swapped(lessons, index, direction);
  if (inside !== undefined) {
    order[m] = { ...order[m], lessonIds: inside };
    return { modules: order };
  }
  const target = direction === 'up' ? m - 1 : m + 1;
  if (target < 0 || target >= order.length) return undefined;
  order[m] = { ...order[m], lessonIds: lessons.filter((id) => id !== lessonId) };
  order[target] =
    direction === 'up'
      ? { ...order[target], lessonIds: [...order[target].lessonIds, lessonId] }
      : { ...order[target], lessonIds: [lessonId, ...order[target].lessonIds] };
  return { modules: order };
}

/** Whether a lesson can move that way (the first lesson of the first module cannot go up...). */
export function canMoveLesson(modules: readonly Ordered[], lessonId: string, direction: Direction): boolean {
  return moveLesson(modules, lessonId, direction) !== undefined;
}
