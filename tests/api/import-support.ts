// Shared by the import tests: the objects (a company with an external id, a lead looking it up),
// the "real-world" CSV (BOM, CRLF, Chinese headers, quoted commas and newlines, bad cells) and an
// upload helper that sends a file as the request body.
import type { ObjectDef } from '@tessera/metadata';

const labels = (en: string, zh: string) => ({ en, zh });

export const company: ObjectDef = {
  apiName: 'company',
  labels: labels('Company', '公司'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name', '名称'), required: true },
    { apiName: 'symbol', type: 'text', labels: labels('Symbol', '代码'), externalId: true },
  ],
};

export const lead: ObjectDef = {
  apiName: 'lead',
  labels: labels('Lead', '线索'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name', '姓名'), required: true },
    { apiName: 'code', type: 'text', labels: labels('Code', '编号'), externalId: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount', '金额') },
    { apiName: 'close_date', type: 'date', labels: labels('Close date', '预计成交日期') },
    { apiName: 'vip', type: 'boolean', labels: labels('VIP', '重要客户') },
    { apiName: 'notes', type: 'textarea', labels: labels('Notes', '备注') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage', '阶段'),
      values: [
        { apiName: 'new', labels: labels('New', '新建') },
        { apiName: 'qualified', labels: labels('Qualified', '已确认') },
      ],
    },
    {
      apiName: 'tags',
      type: 'multipicklist',
      labels: labels('Tags', '标签'),
      values: [
        { apiName: 'hot', labels: labels('Hot', '热门') },
        { apiName: 'partner', labels: labels('Partner', '合作伙伴') },
      ],
    },
    { apiName: 'company', type: 'lookup', labels: labels('Company', '公司'), target: 'company' },
  ],
  validationRules: [
    { apiName: 'amount_positive', condition: { '>=': [{ var: 'amount' }, 0] }, message: { en: 'amount must not be negative', zh: '金额不能为负' } },
  ],
};

/** No external id, a duplicate rule that only warns: what `duplicates: skip | create` decide. */
export const contact: ObjectDef = {
  apiName: 'contact',
  labels: labels('Contact', '联系人'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name', '姓名'), required: true },
    { apiName: 'email', type: 'email', labels: labels('Email', '邮箱') },
  ],
  duplicateRules: [{ apiName: 'same_name', fields: [{ field: 'name' }], action: 'warn' }],
};

/** 8 data rows: rows 4 (bad date), 6 (bad money and bad stage) and 9 (a rule: negative amount) are bad. */
export const REAL_WORLD_CSV = [
  '\uFEFF姓名,编号,金额,预计成交日期,重要客户,阶段,标签,公司,备注',
  '"张伟, 北京",L-1,"¥1,234.50",2026年12月7日,是,新建,热门;合作伙伴,华为,"第一行\n第二行"',
  'Li Lei,L-2,"$1,000",12/07/2026,no,Qualified,Hot,HW,',
  '王芳,L-3,88,2026-13-45,否,new,,,',
  'Ann Smith,L-4,0,2026/1/5,yes,已确认,"合作伙伴, 热门",华为,"she said ""call me"""',
  '赵六,L-5,lots,2026-01-05,1,closed,,,',
  '"Bob ""The Builder""",L-6,"2,500",2026-02-01,0,new,hot,,',
  '陈七,L-7,15%,2026-03-01,TRUE,新建,,华为,',
  '孙八,L-8,-5,2026-03-02,false,new,,,',
].join('\r\n');

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests' expectations
type ResponseBody = any;

export async function upload(
  baseUrl: string,
  path: string,
  auth: { token?: string; cookie?: string },
  body: string | Uint8Array,
  contentType = 'text/csv',
): Promise<{ status: number; body: ResponseBody; text: string; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: body as BodyInit });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
}
