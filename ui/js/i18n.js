// Texts of the UI itself; texts from kioskd come localized ({"zh-CN": "…", "en": "…"}).

export const LANGUAGES = ['zh-CN', 'en'];

const TEXTS = {
  'zh-CN': {
    appTitle: '政务服务自助终端',
    appSubtitle: 'Government self-service',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
    elderlyOn: '长辈模式',
    elderlyOff: '标准模式',
    elderlyOnLabel: '打开长辈模式：大字、高对比、更长的操作时间',
    elderlyOffLabel: '回到标准模式',
    homeHeading: '请选择要办理的业务',
    searchLabel: '搜索业务（名称或拼音首字母）',
    searchPlaceholder: '业务名称或拼音首字母，如 sb',
    searchClear: '清除',
    searchNone: '没有找到相关业务，请换个关键词',
    keyboardShow: '拼音首字母键盘',
    unavailable: '暂不可用',
    unavailableTitle: '该业务暂不能办理',
    ok: '知道了',
    loadingServices: '正在加载业务列表…',
    servicesFailed: '暂时无法获取业务列表，正在重试。如需帮助请联系工作人员。',
    starting: '正在进入业务…',
    stepOf: (i, n) => `第 ${i} 步，共 ${n} 步`,
    back: '上一步',
    cancel: '退出办理',
    cancelConfirm: '确定要退出本次办理吗？',
    cancelYes: '退出',
    cancelNo: '继续办理',
    home: '返回首页',
    retry: '重试',
    next: '下一步',
    confirm: '确定',
    agree: '同意并继续',
    decline: '不同意',
    consentHeading: '本业务将使用您的以下信息',
    chooseMethod: '请选择身份验证方式',
    method: {
      'id-card': '居民身份证',
      'social-security-card': '社会保障卡',
      'mi-qr': '医保电子凭证',
      'case-number': '输入受理编号',
    },
    methodPrompt: {
      'id-card': '请将身份证放在感应区',
      'social-security-card': '请将社保卡插入读卡口',
      'mi-qr': '请打开医保电子凭证，将二维码对准扫描口',
      'case-number': '请输入受理编号，或将凭条上的二维码对准扫描口',
    },
    readingCard: '正在读取，请勿移动卡片…',
    keypadClear: '清空',
    keypadDelete: '删除',
    keypadLetters: '字母',
    keypadDigits: '数字',
    submit: '提交',
    fieldRequired: '请填写此项',
    fieldInvalid: '格式不正确，请检查',
    busyQuery: '正在查询，请稍候…',
    busySubmit: '正在提交，请稍候…',
    payScan: '请使用手机扫描二维码支付',
    payAmount: '应缴金额',
    payWaiting: '等待支付确认…',
    payPaid: '支付成功',
    payExpired: '二维码已过期',
    payQrLabel: '支付二维码',
    printing: '正在打印，请取走凭条',
    printingA4: '正在打印证明，请稍候',
    printDone: '打印完成，请取走凭条',
    printDoneA4: '打印完成，请取走证明',
    printFailed: '打印失败',
    rateHeading: '请对本次服务进行评价',
    rateLevels: { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' },
    thanks: '感谢您的评价，业务已办理完成',
    takeCard: '请取走您的卡片',
    takeReceipt: '请取走凭条',
    returning: (s) => `${s} 秒后返回首页`,
    idleWarning: '您还在吗？',
    idleWarningText: (s) => `${s} 秒后将退出办理并清除信息`,
    idleContinue: '继续办理',
    idleLeft: (s) => `剩余 ${s} 秒`,
    errorTitle: '抱歉，暂时无法办理',
    errorNetwork: '与服务器的连接中断，请稍后再试。如需帮助请联系工作人员。',
    errorServer: '系统暂时无法办理该业务，请稍后再试或联系工作人员。',
    sessionLost: '连接中断，本次办理已结束，请重新开始。',
    restart: '重新开始',
    busyElsewhere: '正在为上一位市民办理业务，请稍候…',
    reconnecting: '正在重新连接…',
    connected: '已连接',
    pageOf: (i, n) => `${i} / ${n}`,
    prevPage: '上一页',
    nextPage: '下一页',
    selected: '已选择',
    chooseHint: (min, max) => (min === max ? `请选择 ${min} 项` : `请选择 ${min}–${max} 项`),
    tableEmpty: '没有记录',
  },
  en: {
    appTitle: 'Government self-service',
    appSubtitle: '政务服务自助终端',
    switchLanguage: '中文',
    switchLanguageLabel: '切换到中文',
    elderlyOn: 'Large text',
    elderlyOff: 'Standard text',
    elderlyOnLabel: 'Elderly mode: larger text, higher contrast, more time',
    elderlyOffLabel: 'Back to standard mode',
    homeHeading: 'Choose a service',
    searchLabel: 'Search services (name or pinyin initials)',
    searchPlaceholder: 'Name or pinyin initials, e.g. sb',
    searchClear: 'Clear',
    searchNone: 'No service found; try another word',
    keyboardShow: 'Letter keyboard',
    unavailable: 'Unavailable',
    unavailableTitle: 'This service is not available now',
    ok: 'OK',
    loadingServices: 'Loading the services…',
    servicesFailed: 'The services cannot be loaded right now; retrying. Ask the staff for help.',
    starting: 'Starting…',
    stepOf: (i, n) => `Step ${i} of ${n}`,
    back: 'Back',
    cancel: 'Quit',
    cancelConfirm: 'Do you want to quit this service?',
    cancelYes: 'Quit',
    cancelNo: 'Continue',
    home: 'Home',
    retry: 'Try again',
    next: 'Next',
    confirm: 'Confirm',
    agree: 'Agree and continue',
    decline: 'Decline',
    consentHeading: 'This service will use the following information',
    chooseMethod: 'How do you want to identify yourself?',
    method: {
      'id-card': 'Resident ID card',
      'social-security-card': 'Social-security card',
      'mi-qr': 'Medical-insurance e-voucher',
      'case-number': 'Enter the case number',
    },
    methodPrompt: {
      'id-card': 'Place your ID card on the reader',
      'social-security-card': 'Insert your social-security card into the slot',
      'mi-qr': 'Open your medical-insurance e-voucher and hold its QR code to the scanner',
      'case-number': 'Enter the case number, or hold the QR code on your receipt to the scanner',
    },
    readingCard: 'Reading; do not move the card…',
    keypadClear: 'Clear',
    keypadDelete: 'Delete',
    keypadLetters: 'ABC',
    keypadDigits: '123',
    submit: 'Submit',
    fieldRequired: 'Please fill this in',
    fieldInvalid: 'This does not look right; please check',
    busyQuery: 'Looking it up, please wait…',
    busySubmit: 'Submitting, please wait…',
    payScan: 'Scan the QR code with your phone to pay',
    payAmount: 'Amount due',
    payWaiting: 'Waiting for the payment…',
    payPaid: 'Paid',
    payExpired: 'The QR code has expired',
    payQrLabel: 'Payment QR code',
    printing: 'Printing; please take your receipt',
    printingA4: 'Printing the certificate, please wait',
    printDone: 'Printed; please take your receipt',
    printDoneA4: 'Printed; please take your certificate',
    printFailed: 'Printing failed',
    rateHeading: 'How satisfied are you with this service?',
    rateLevels: { 5: 'Very satisfied', 4: 'Satisfied', 3: 'Fairly satisfied', 2: 'Dissatisfied', 1: 'Very dissatisfied' },
    thanks: 'Thank you. The service is complete.',
    takeCard: 'Please take your card',
    takeReceipt: 'Please take your receipt',
    returning: (s) => `Back to the home screen in ${s} s`,
    idleWarning: 'Are you still there?',
    idleWarningText: (s) => `In ${s} s this service ends and your information is cleared`,
    idleContinue: 'Continue',
    idleLeft: (s) => `${s} s left`,
    errorTitle: 'Sorry, this cannot be done right now',
    errorNetwork: 'The connection to the server was lost. Please try again later or ask the staff.',
    errorServer: 'The system cannot complete this service right now. Please try again later or ask the staff.',
    sessionLost: 'The connection was lost and this visit has ended. Please start again.',
    restart: 'Start again',
    busyElsewhere: 'The previous visitor is still being served, please wait…',
    reconnecting: 'Reconnecting…',
    connected: 'Connected',
    pageOf: (i, n) => `${i} / ${n}`,
    prevPage: 'Previous',
    nextPage: 'More',
    selected: 'Selected',
    chooseHint: (min, max) => (min === max ? `Choose ${min}` : `Choose ${min} to ${max}`),
    tableEmpty: 'No records',
  },
};

let current = 'zh-CN';

export function setLanguage(language) {
  current = LANGUAGES.includes(language) ? language : 'zh-CN';
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

/** A UI text (a string or a function of the arguments). */
export function t(key, ...args) {
  const value = key.split('.').reduce((node, part) => (node == null ? node : node[part]), TEXTS[current]);
  if (typeof value === 'function') return value(...args);
  return value ?? key;
}

/** The text of a localized object from kioskd in the current language (falling back to Chinese). */
export function loc(value, fallback = '') {
  if (value == null) return fallback;
  if (typeof value === 'string') return value;
  return value[current] ?? value['zh-CN'] ?? value.en ?? Object.values(value)[0] ?? fallback;
}

/** The text of a localized object in the other language, for subtitles. */
export function other(value) {
  if (value == null || typeof value === 'string') return '';
  const second = current === 'en' ? 'zh-CN' : 'en';
  return value[second] ?? '';
}
