import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageSize } from 'image-size';
import type { ImageResolver } from '../markdown/rehype-bulletin.ts';
import { resolveInside } from './workspace-paths.ts';

const IMAGE_TYPES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);

/**
 * The Markdown stage's only window on the disk: an image named in an item is looked up
 * beside the item, must stay inside the workspace, and is measured for sizing.
 */
export function imageResolverFor(root: string, documentPath: string): ImageResolver {
  return (src) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      return { error: `不能引用网络或外部地址的图片“${src}”`, hint: '把图片文件放在信息文件旁，用相对路径引用，如 img/a.png' };
    }
    let decoded = src;
    try {
      decoded = decodeURI(src);
    } catch {
      /* keep as written */
    }
    const abs = resolveInside(root, path.dirname(documentPath), decoded);
    if (!abs) return { error: `图片路径“${src}”指向工作区之外`, hint: '图片须放在工作区内，用相对信息文件的路径引用' };
    if (!IMAGE_TYPES.has(path.extname(abs).toLowerCase())) {
      return { error: `不支持的图片格式“${src}”`, hint: '请使用 PNG、JPEG、GIF、SVG 或 WebP' };
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch {
      return { error: `找不到图片文件“${src}”`, hint: '路径相对于信息文件所在的文件夹' };
    }
    try {
      const size = imageSize(bytes);
      if (!size.width || !size.height) throw new Error('no size');
      return { url: pathToFileURL(abs).href, widthPx: size.width, heightPx: size.height };
    } catch {
      return { error: `无法读取图片“${src}”的尺寸，文件可能已损坏`, hint: '重新导出图片；SVG 须写明 width 和 height' };
    }
  };
}
