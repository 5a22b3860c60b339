/** The five typefaces of an official document (LAYOUT.md §3, §6) and where each may come from. */
export type FontRole = 'fangsong' | 'kaiti' | 'heiti' | 'biaosong' | 'songti';

export interface RoleDefinition {
  role: FontRole;
  /** Chinese name shown to the editor. */
  label: string;
  /** The CSS family the templates use for this role. */
  cssFamily: string;
  /** Official (commercial) faces, by family name, most preferred first. */
  officialNames: string[];
  /** Open substitutes, most preferred first. */
  substitutes: Substitute[];
}

export type Substitute =
  | { kind: 'file'; name: string; paths: string[] }
  | { kind: 'fontsource'; name: string; packageName: string; weight: number };

const FANDOL = '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol';

export const ROLES: RoleDefinition[] = [
  {
    role: 'fangsong',
    label: '仿宋（正文）',
    cssFamily: 'BulletinFangsong',
    officialNames: ['仿宋_GB2312', 'FangSong_GB2312', '方正仿宋_GBK', '方正仿宋简体', '仿宋', 'FangSong', 'STFangsong'],
    substitutes: [{ kind: 'file', name: 'FandolFang', paths: [`${FANDOL}/FandolFang-Regular.otf`] }],
  },
  {
    role: 'kaiti',
    label: '楷体（二级标题、按语）',
    cssFamily: 'BulletinKaiti',
    officialNames: ['楷体_GB2312', 'KaiTi_GB2312', '方正楷体_GBK', '方正楷体简体', '楷体', 'KaiTi', 'STKaiti'],
    substitutes: [
      { kind: 'file', name: 'LXGW WenKai', paths: ['/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf'] },
      { kind: 'file', name: 'FandolKai', paths: [`${FANDOL}/FandolKai-Regular.otf`] },
    ],
  },
  {
    role: 'heiti',
    label: '黑体（一级标题、密级）',
    cssFamily: 'BulletinHeiti',
    officialNames: ['黑体', 'SimHei', '方正黑体_GBK', '方正黑体简体', 'STHeiti'],
    substitutes: [
      { kind: 'file', name: 'FandolHei', paths: [`${FANDOL}/FandolHei-Regular.otf`] },
      { kind: 'file', name: 'WenQuanYi Zen Hei', paths: ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'] },
    ],
  },
  {
    role: 'biaosong',
    label: '小标宋（报头、标题）',
    cssFamily: 'BulletinBiaosong',
    officialNames: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05', '小标宋'],
    substitutes: [
      { kind: 'fontsource', name: 'Noto Serif SC Bold', packageName: '@fontsource/noto-serif-sc', weight: 700 },
      { kind: 'file', name: 'FandolSong Bold', paths: [`${FANDOL}/FandolSong-Bold.otf`] },
    ],
  },
  {
    role: 'songti',
    label: '宋体（页码）',
    cssFamily: 'BulletinSongti',
    officialNames: ['宋体', 'SimSun', '方正书宋_GBK', '方正书宋简体', 'STSong'],
    substitutes: [{ kind: 'file', name: 'FandolSong', paths: [`${FANDOL}/FandolSong-Regular.otf`] }],
  },
];

/** Faces that end every chain so rare name characters (𠮷 䶮 堃 犇) never print as boxes. */
export const RARE_CHARACTER_FALLBACKS = [
  { cssFamily: 'BulletinRareA', name: 'HanaMinA', path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
  { cssFamily: 'BulletinRareB', name: 'HanaMinB', path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
];
