import { PNG } from 'pngjs';
import { compareScreens } from './screenshots';

function picture(
  width: number,
  height: number,
  paint: (x: number, y: number) => number[] = () => [255, 255, 255],
) {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const [r, g, b] = paint(x, y);
      png.data.set([r, g, b, 255], at);
    }
  }
  return PNG.sync.write(png);
}

describe('comparing a screenshot with its reference', () => {
  it('finds no difference between the same pictures', () => {
    expect(compareScreens(picture(20, 10), picture(20, 10))).toEqual({
      differing: 0,
      total: 200,
      sameSize: true,
    });
  });

  it('counts the pixels that changed', () => {
    const changed = picture(20, 10, (x, y) => (x < 5 && y < 2 ? [200, 20, 20] : [255, 255, 255]));
    expect(compareScreens(picture(20, 10), changed)).toMatchObject({ differing: 10, sameSize: true });
  });

  it('takes a change of size for a different picture', () => {
    expect(compareScreens(picture(20, 10), picture(20, 11))).toMatchObject({
      differing: 200,
      sameSize: false,
    });
  });
});
