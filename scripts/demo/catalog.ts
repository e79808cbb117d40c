/**
 * The demo county: its peer groups, 40 departments with how each one behaves, two campaigns taken from
 * the source speeches, and the words items are made of. Behaviour is what the dashboard should reveal:
 * `onTime` is the chance an item is closed by its deadline (from `onTimeStart` to `onTime` over the
 * period for a department that improves), `weight` its share of the items.
 */

export interface PeerGroupSeed {
  code: string;
  zh: string;
  en: string;
}

export interface DepartmentSeed {
  code: string;
  zh: string;
  en: string;
  group: string;
  weight: number;
  onTime: number;
  onTimeStart?: number;
  aliases?: string[];
  /** Owns the education domains of the conduct campaign. */
  education?: boolean;
}

export const PEER_GROUPS: PeerGroupSeed[] = [
  { code: 'general', zh: '党群综合部门', en: 'Party and general offices' },
  { code: 'economic', zh: '经济管理部门', en: 'Economic departments' },
  { code: 'social', zh: '社会事业部门', en: 'Social services departments' },
  { code: 'regulatory', zh: '执法监管部门', en: 'Law enforcement and regulatory departments' },
];

export const DEPARTMENTS: DepartmentSeed[] = [
  {
    code: 'D01',
    zh: '县委办公室',
    en: 'County Party Committee Office',
    group: 'general',
    weight: 3,
    onTime: 0.88,
  },
  {
    code: 'D02',
    zh: '县政府办公室',
    en: 'County Government Office',
    group: 'general',
    weight: 4,
    onTime: 0.84,
  },
  {
    code: 'D03',
    zh: '县纪委监委',
    en: 'County Commission for Discipline Inspection',
    group: 'general',
    weight: 3,
    onTime: 0.96,
  },
  { code: 'D04', zh: '县委组织部', en: 'Organization Department', group: 'general', weight: 2, onTime: 0.9 },
  { code: 'D05', zh: '县委宣传部', en: 'Publicity Department', group: 'general', weight: 2, onTime: 0.8 },
  {
    code: 'D06',
    zh: '县委统战部',
    en: 'United Front Work Department',
    group: 'general',
    weight: 1.5,
    onTime: 0.78,
  },
  {
    code: 'D07',
    zh: '县委政法委员会',
    en: 'Political and Legal Affairs Commission',
    group: 'general',
    weight: 2,
    onTime: 0.74,
  },
  {
    code: 'D08',
    zh: '县信访局',
    en: 'Letters and Calls Bureau',
    group: 'general',
    weight: 5,
    onTime: 0.7,
    aliases: ['信访局'],
  },
  {
    code: 'D09',
    zh: '县机关事务服务中心',
    en: 'Government Offices Administration Centre',
    group: 'general',
    weight: 1.5,
    onTime: 0.66,
  },
  { code: 'D10', zh: '县档案馆', en: 'County Archives', group: 'general', weight: 0.06, onTime: 0.9 },
  {
    code: 'D11',
    zh: '县发展和改革局',
    en: 'Development and Reform Bureau',
    group: 'economic',
    weight: 4,
    onTime: 0.86,
    aliases: ['发改局', '县发改局'],
  },
  {
    code: 'D12',
    zh: '县财政局',
    en: 'Finance Bureau',
    group: 'economic',
    weight: 3,
    onTime: 0.95,
    aliases: ['财政局'],
  },
  {
    code: 'D13',
    zh: '县工业和信息化局',
    en: 'Industry and Information Technology Bureau',
    group: 'economic',
    weight: 2.5,
    onTime: 0.76,
    aliases: ['工信局', '县工信局'],
  },
  { code: 'D14', zh: '县商务局', en: 'Commerce Bureau', group: 'economic', weight: 2, onTime: 0.8 },
  {
    code: 'D15',
    zh: '县农业农村局',
    en: 'Agriculture and Rural Affairs Bureau',
    group: 'economic',
    weight: 4,
    onTime: 0.72,
    aliases: ['农业农村局'],
  },
  {
    code: 'D16',
    zh: '县自然资源局',
    en: 'Natural Resources Bureau',
    group: 'economic',
    weight: 4.5,
    onTime: 0.5,
    aliases: ['自然资源局', '自然资源和规划局'],
  },
  {
    code: 'D17',
    zh: '县住房和城乡建设局',
    en: 'Housing and Urban-Rural Development Bureau',
    group: 'economic',
    weight: 5,
    onTime: 0.45,
    aliases: ['住建局', '县住建局'],
  },
  {
    code: 'D18',
    zh: '县交通运输局',
    en: 'Transport Bureau',
    group: 'economic',
    weight: 3,
    onTime: 0.68,
    aliases: ['交通局', '交通运输局'],
  },
  { code: 'D19', zh: '县水利局', en: 'Water Resources Bureau', group: 'economic', weight: 2.5, onTime: 0.75 },
  { code: 'D20', zh: '县统计局', en: 'Statistics Bureau', group: 'economic', weight: 0.06, onTime: 0.85 },
  {
    code: 'D21',
    zh: '县教育局',
    en: 'Education Bureau',
    group: 'social',
    weight: 9,
    onTime: 0.99,
    onTimeStart: 0.7,
    education: true,
    aliases: ['教育局', '县教体局', '教体局'],
  },
  {
    code: 'D22',
    zh: '县卫生健康局',
    en: 'Health Commission',
    group: 'social',
    weight: 5,
    onTime: 0.58,
    aliases: ['卫健局', '县卫健局'],
  },
  {
    code: 'D23',
    zh: '县人力资源和社会保障局',
    en: 'Human Resources and Social Security Bureau',
    group: 'social',
    weight: 4,
    onTime: 0.82,
    aliases: ['人社局', '县人社局'],
  },
  {
    code: 'D24',
    zh: '县民政局',
    en: 'Civil Affairs Bureau',
    group: 'social',
    weight: 3,
    onTime: 0.79,
    aliases: ['民政局'],
  },
  {
    code: 'D25',
    zh: '县文化广电和旅游局',
    en: 'Culture, Radio, Television and Tourism Bureau',
    group: 'social',
    weight: 2.5,
    onTime: 0.77,
    aliases: ['文旅局', '县文旅局'],
  },
  {
    code: 'D26',
    zh: '县医疗保障局',
    en: 'Healthcare Security Bureau',
    group: 'social',
    weight: 2.5,
    onTime: 0.83,
    aliases: ['医保局'],
  },
  {
    code: 'D27',
    zh: '县退役军人事务局',
    en: 'Veterans Affairs Bureau',
    group: 'social',
    weight: 1.5,
    onTime: 0.87,
  },
  {
    code: 'D28',
    zh: '县科学技术局',
    en: 'Science and Technology Bureau',
    group: 'social',
    weight: 1.5,
    onTime: 0.8,
    aliases: ['科技局'],
  },
  {
    code: 'D29',
    zh: '县行政审批服务局',
    en: 'Administrative Approval Service Bureau',
    group: 'social',
    weight: 5,
    onTime: 0.95,
    aliases: ['审批局', '县审批局'],
  },
  {
    code: 'D30',
    zh: '县乡村振兴局',
    en: 'Rural Revitalization Bureau',
    group: 'social',
    weight: 0.06,
    onTime: 0.7,
  },
  {
    code: 'D31',
    zh: '县公安局',
    en: 'Public Security Bureau',
    group: 'regulatory',
    weight: 5,
    onTime: 0.81,
    aliases: ['公安局'],
  },
  {
    code: 'D32',
    zh: '县市场监督管理局',
    en: 'Market Regulation Administration',
    group: 'regulatory',
    weight: 5,
    onTime: 0.74,
    aliases: ['市场监管局', '县市场监管局'],
  },
  {
    code: 'D33',
    zh: '县生态环境分局',
    en: 'Ecology and Environment Sub-bureau',
    group: 'regulatory',
    weight: 3.5,
    onTime: 0.7,
    aliases: ['环保局', '生态环境局'],
  },
  {
    code: 'D34',
    zh: '县应急管理局',
    en: 'Emergency Management Bureau',
    group: 'regulatory',
    weight: 3,
    onTime: 0.85,
    aliases: ['应急局'],
  },
  {
    code: 'D35',
    zh: '县城市管理局',
    en: 'Urban Management Bureau',
    group: 'regulatory',
    weight: 5,
    onTime: 0.42,
    aliases: ['城管局', '县城管局'],
  },
  { code: 'D36', zh: '县司法局', en: 'Justice Bureau', group: 'regulatory', weight: 2, onTime: 0.9 },
  {
    code: 'D37',
    zh: '县税务局',
    en: 'County Taxation Bureau',
    group: 'regulatory',
    weight: 3,
    onTime: 0.94,
    aliases: ['税务局'],
  },
  { code: 'D38', zh: '县审计局', en: 'Audit Bureau', group: 'regulatory', weight: 1.5, onTime: 0.91 },
  {
    code: 'D39',
    zh: '县综合行政执法局',
    en: 'Comprehensive Administrative Law Enforcement Bureau',
    group: 'regulatory',
    weight: 3,
    onTime: 0.62,
    aliases: ['综合执法局'],
  },
  { code: 'D40', zh: '县林业局', en: 'Forestry Bureau', group: 'regulatory', weight: 2, onTime: 0.73 },
];

export interface DomainSeed {
  code: string;
  zh: string;
  en: string;
  education?: boolean;
  titles: string[];
}

export interface CampaignSeed {
  code: string;
  zh: string;
  en: string;
  kind: 'special_rectification' | 'efficiency_year';
  domains: DomainSeed[];
}

/** 2022 speech: conduct rectification with the five hot problems; 2023 speech: the efficiency year. */
export const CAMPAIGNS: [CampaignSeed, CampaignSeed] = [
  {
    code: 'C-CONDUCT',
    zh: '作风建设专项整治',
    en: 'Work-style rectification campaign',
    kind: 'special_rectification',
    domains: [
      {
        code: 'oversized-classes',
        zh: '大班额',
        en: 'Oversized classes',
        education: true,
        titles: ['学校班额超标', '起始年级大班额未消除', '城区学校学位不足'],
      },
      {
        code: 'paid-tutoring',
        zh: '有偿补课',
        en: 'Paid tutoring by teachers',
        education: true,
        titles: ['在职教师有偿补课', '教师违规参与校外培训', '假期违规办班'],
      },
      {
        code: 'double-reduction',
        zh: '双减落实',
        en: 'Double reduction',
        education: true,
        titles: ['作业量超标', '课后服务质量不高', '校外培训机构违规开班'],
      },
      {
        code: 'cross-district-enrolment',
        zh: '跨区域招生',
        en: 'Cross-district enrolment',
        education: true,
        titles: ['民办学校跨区域招生', '违规提前招生', '招生信息公开不到位'],
      },
      {
        code: 'school-choice',
        zh: '择校热',
        en: 'School-choice fever',
        education: true,
        titles: ['热点学校择校现象突出', '违规接收借读生', '学区划分群众意见大'],
      },
      {
        code: 'parking-fees',
        zh: '停车收费',
        en: 'Parking fees',
        titles: ['停车收费标准不公开', '医院周边乱收停车费', '公共停车场收费不规范'],
      },
      {
        code: 'service-conduct',
        zh: '窗口服务作风',
        en: 'Service-window conduct',
        titles: ['窗口人员服务态度生硬', '办事群众反映门难进脸难看', '工作时间脱岗'],
      },
      {
        code: 'red-tape',
        zh: '吃拿卡要',
        en: 'Red tape and petty corruption',
        titles: ['办事设置隐性门槛', '违规收取材料费', '推诿扯皮'],
      },
    ],
  },
  {
    code: 'C-EFFICIENCY',
    zh: '行政效能提升年',
    en: 'Administrative efficiency year',
    kind: 'efficiency_year',
    domains: [
      {
        code: 'first-inquiry',
        zh: '首问负责',
        en: 'First-inquiry responsibility',
        titles: ['首问负责制落实不到位', '来电来访一推了之', '咨询答复不及时'],
      },
      {
        code: 'time-limited',
        zh: '限时办结',
        en: 'Time-limited completion',
        titles: ['审批事项超时限办理', '群众诉求办理拖延', '承诺时限未兑现'],
      },
      {
        code: 'accountability',
        zh: '责任追究',
        en: 'Accountability',
        titles: ['问责不及时', '整改责任未压实', '督办事项落实不力'],
      },
      {
        code: 'approvals',
        zh: '审批提速',
        en: 'Faster approvals',
        titles: ['审批环节过多', '要件材料重复提交', '网上办理渠道不畅'],
      },
      {
        code: 'openness',
        zh: '政务公开',
        en: 'Government openness',
        titles: ['办事指南更新不及时', '政策解读不到位', '公开信息不完整'],
      },
      {
        code: 'hotline-12345',
        zh: '12345热线办理',
        en: '12345 hotline handling',
        titles: ['热线工单回复不及时', '工单办理质量不高', '群众对办理结果不满意'],
      },
    ],
  },
];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'.split(
    '',
  );
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌辉鹏宇浩凯婷雪梅琳晨'.split('');

export const MEASURES = [
  '制定整改方案，明确责任人和完成时限',
  '开展专项排查，建立问题台账，逐项整改销号',
  '约谈相关责任人，完善内部管理制度',
  '召开专题会议研究部署，落实整改措施',
  '加强日常督导检查，建立长效机制',
];

export const EXTENSION_REASONS = [
  '涉及多部门协调，需延长整改时限',
  '需等待上级审批',
  '工程施工受天气影响',
  '资金未到位',
];
export const VOID_REASONS = ['重复登记', '误登记，不属于本次整治范围', '与已有事项合并办理'];
export const REOPEN_REASONS = ['回头看发现问题反弹', '群众再次反映同一问题', '复查未达到整改要求'];
export const EVIDENCE = [
  '整改报告及现场照片',
  '整改前后对比照片',
  '制度文件及会议纪要',
  '群众回访满意度记录',
];

/** What a department reports as its rectification goes (整改进展), roughly in order. */
export const PROGRESS_NOTES = [
  '已召开专题会议，制定整改方案，明确责任人',
  '已完成问题排查，正在逐项整改',
  '整改已完成约一半，按计划推进',
  '已落实整改措施，正在巩固整改成效',
  '已建立长效机制，正在整理佐证材料',
] as const;
