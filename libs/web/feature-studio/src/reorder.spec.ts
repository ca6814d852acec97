import { describe, expect, it } from '@jest/globals';
import { canMoveLesson, moveLesson, moveModule } from './reorder';

const modules = [
  { id: 'm1', lessons: [{ id: 'a' }, { id: 'b' }] },
  { id: 'm2', lessons: [{ id: 'c' }] },
  { id: 'm3', lessons: [] },
];

const shape = (order: ReturnType<typeof moveLesson>) => order?.modules.map((module) => `${module.id}:${module.lessonIds.join('')}`);

describe('moving modules', () => {
  it('swaps a module with its neighbour and lists every lesson once', () => {
    expect(shape(moveModule(modules, 'm2', 'up'))).toEqual(['m2:c', 'm1:ab', 'm3:']);
    expect(shape(moveModule(modules, 'm1', 'down'))).toEqual(['m2:c', 'm1:ab', 'm3:']);
  });

  it('cannot move past either end', () => {
    expect(moveModule(modules, 'm1', 'up')).toBeUndefined();
    expect(moveModule(modules, 'm3', 'down')).toBeUndefined();
    expect(moveModule(modules, 'unknown', 'down')).toBeUndefined();
  });
});

describe('moving lessons', () => {
  it('swaps a lesson with its neighbour inside its module', () => {
    expect(shape(moveLesson(modules, 'b', 'up'))).toEqual(['m1:ba', 'm2:c', 'm3:']);
    expect(shape(moveLesson(modules, 'a', 'down'))).toEqual(['m1:ba', 'm2:c', 'm3:']);
  });

  it('goes to the end of the previous module or the start of the next one', () => {
    expect(shape(moveLesson(modules, 'c', 'up'))).toEqual(['m1:abc', 'm2:', 'm3:']);
    expect(shape(moveLesson(modules, 'b', 'down'))).toEqual(['m1:a', 'm2:bc', 'm3:']);
    expect(shape(moveLesson(modules, 'c', 'down'))).toEqual(['m1:ab', 'm2:', 'm3:c']);
  });

  it('cannot go up from the very first place nor down from the very last', () => {
    expect(canMoveLesson(modules, 'a', 'up')).toBe(false);
    expect(canMoveLesson([{ id: 'm1', lessons: [{ id: 'a' }] }], 'a', 'down')).toBe(false);
    expect(canMoveLesson(modules, 'c', 'down')).toBe(true);
  });

  it('leaves the given modules untouched', () => {
    moveLesson(modules, 'b', 'down');
    expect(modules[0].lessons.map((lesson) => lesson.id)).toEqual(['a', 'b']);
  });
});
