import { describe, expect, it } from '@jest/globals';
import { VideoReporter } from './video-reporter';

function reporter() {
  const reports: string[] = [];
  return { reports, video: new VideoReporter((type, position) => reports.push(`${type}@${position}`)) };
}

describe('VideoReporter', () => {
  it('reports the position about every ten seconds of playback', () => {
    const { reports, video } = reporter();
    for (let t = 0; t <= 25; t += 0.25) video.onTimeUpdate(t, false);
    expect(reports).toEqual(['video_position@10', 'video_position@20']);
  });

  it('reports on pause, not twice for the same place, and not for the pause that comes with the end', () => {
    const { reports, video } = reporter();
    video.onPause(4.2, false);
    video.onPause(4.3, false);
    video.onPause(30, true);
    expect(reports).toEqual(['video_position@4.2']);
  });

  it('reports the end as completed with its position', () => {
    const { reports, video } = reporter();
    video.onEnded(61.9);
    expect(reports).toEqual(['completed@61.9']);
  });

  it('reports where the learner left, when it is somewhere new', () => {
    const { reports, video } = reporter();
    video.onLeave(0.2);
    video.onTimeUpdate(10, false);
    video.onLeave(10.4);
    video.onLeave(14);
    expect(reports).toEqual(['video_position@10', 'video_position@14']);
  });

  it('reports a jump back made while playing', () => {
    const { reports, video } = reporter();
    video.onTimeUpdate(30, false);
    video.onTimeUpdate(15, false);
    video.onTimeUpdate(16, true);
    expect(reports).toEqual(['video_position@30', 'video_position@15']);
  });
});
