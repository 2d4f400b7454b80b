/* 绩效目标填报: the message for a browser that cannot run the app (issue 10).
 * Classic ES5 calling nothing IE 8 lacks (360's 兼容模式 is an IE engine); copied
 * to dist/ as written. It fills #loading with the message: at once on IE, legacy
 * Edge, Chromium < 80, or without WebAssembly or modules; on an error before the
 * app has started; or when it has not started within WAIT_MS. The app removes
 * #loading when it starts (src/main.rs), so a late start takes the message away. */
(function () {
  var WAIT_MS = 8000;
  var MIN_CHROMIUM = 80;
  var ua = navigator.userAgent || '';
  var shown = false;

  function find(re) {
    var m = re.exec(ua);
    return m ? m[1] : null;
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // What the browser says it is: a name for the message, and whether that
  // alone rules it out.
  function detect() {
    var v = find(/Trident\/.*rv:(\d+)/) || find(/MSIE (\d+)/);
    if (v) {
      return { ie: true, name: 'Internet Explorer ' + v + ' 内核（兼容模式）' };
    }
    v = find(/Edge\/(\d+)/);
    if (v) {
      return { old: true, name: '旧版 Edge ' + v + '（非 Chromium 内核）' };
    }
    v = find(/Chrom(?:e|ium)\/(\d+)/);
    if (v) {
      return { old: parseInt(v, 10) < MIN_CHROMIUM, name: 'Chromium 内核 ' + v };
    }
    v = find(/Firefox\/(\d+)/);
    if (v) {
      return { name: 'Firefox ' + v };
    }
    return { name: '未能识别' };
  }

  var browser = detect();

  function unsupportedReason() {
    if (browser.ie) {
      return '当前是兼容模式（IE 内核），本系统无法在其中运行。';
    }
    if (browser.old) {
      return '浏览器内核版本过低（需要 Chromium ' + MIN_CHROMIUM + ' 或更高版本）。';
    }
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return '此浏览器不支持 WebAssembly，或已将其禁用。';
    }
    if (!('noModule' in document.createElement('script'))) {
      return '此浏览器不支持 JavaScript 模块。';
    }
    return null;
  }

  function page(reason) {
    var modeLine = browser.ie
      ? '<p class="switch"><strong>请切换到极速模式</strong>：点击地址栏右侧的“e”图标（兼容模式），选择“极速模式”（闪电图标），页面会自动重新打开。</p>'
      : '<p>使用 360 安全浏览器等双核浏览器时，请切换到极速模式，并使用 13 或更高版本。</p>';
    return '<div class="unsupported">' +
      '<h1>此浏览器无法运行“绩效目标填报”</h1>' +
      '<p class="reason">' + escapeHtml(reason) + '</p>' +
      modeLine +
      '<p>检测到的浏览器：<strong>' + escapeHtml(browser.name) + '</strong></p>' +
      '<h2>请使用以下浏览器之一</h2>' +
      '<ul>' +
      '<li>360 安全浏览器 13 或更高版本（极速模式）</li>' +
      '<li>奇安信可信浏览器、统信 UOS 浏览器等 Chromium 80 或更高版本内核的浏览器（极速模式）</li>' +
      '<li>Chrome、Edge 80 或更高版本，当前版本的 Firefox</li>' +
      '</ul>' +
      '<p>不支持：Internet Explorer 及各浏览器的兼容模式（IE 内核），旧版 Edge。</p>' +
      '<p class="ua">浏览器标识（供系统管理员排查）：' + escapeHtml(ua) + '</p>' +
      '</div>';
  }

  // Shows the message in place of #loading; false while the page has no #loading yet.
  function show(reason) {
    var loading = document.getElementById('loading');
    if (shown || !loading) {
      return shown;
    }
    shown = true;
    loading.innerHTML = page(reason);
    return true;
  }

  // Shows the message once the page is there (a browser that ignores `defer` runs this in <head>).
  function showSoon(reason) {
    if (!show(reason)) {
      on(document, 'DOMContentLoaded', function () { show(reason); });
      on(window, 'load', function () { show(reason); });
    }
  }

  function on(target, name, handler, capture) {
    if (target.addEventListener) {
      target.addEventListener(name, handler, !!capture);
    } else if (target.attachEvent) {
      target.attachEvent('on' + name, handler);
    }
  }

  // The app has started when #loading is gone (only once the page is there).
  function started() {
    return document.body && !document.getElementById('loading');
  }

  var reason = unsupportedReason();
  if (reason) {
    showSoon(reason);
    return;
  }

  // A supported browser: the app should start. Anything that stops it before then
  // (a file that does not load, a wasm that does not compile) shows the message.
  function failed(what) {
    if (!started()) {
      showSoon('本系统未能启动：' + what);
    }
  }
  on(window, 'error', function (e) {
    var target = e && e.target;
    if (target && target !== window && (target.src || target.href)) {
      failed('文件未能加载：' + (target.src || target.href));
    } else {
      failed((e && e.message) || '脚本错误');
    }
  }, true);
  on(window, 'unhandledrejection', function (e) {
    var r = e && e.reason;
    failed((r && (r.message || String(r))) || '未知错误');
  });
  setTimeout(function () {
    if (!started()) {
      show('本系统未能在 ' + WAIT_MS / 1000 + ' 秒内启动：可能是网络过慢、文件不完整，或此浏览器不受支持。请刷新页面重试。');
    }
  }, WAIT_MS);

  // When the app fails after it started (a panic stops its wasm for good),
  // src/ui/crash.rs calls this: a banner over the page, a link that downloads
  // the last saved draft, and a question before the page is left. Plain
  // script, so it works with the wasm stopped.
  window.perfGoalsCrashed = function (text, name) {
    var banner = document.createElement('div');
    banner.className = 'crash';
    banner.setAttribute('role', 'alert');
    banner.appendChild(document.createTextNode('程序出错，已停止保存。请下载备份，然后刷新页面。'));
    if (text && window.Blob && window.URL) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      link.setAttribute('download', name || '绩效目标-备份.json');
      link.appendChild(document.createTextNode('下载备份'));
      banner.appendChild(link);
    }
    document.body.insertBefore(banner, document.body.firstChild);
    if (document.activeElement && document.activeElement.blur) {
      document.activeElement.blur();
    }
    window.onbeforeunload = function () {
      return '程序出错，最近的输入可能未保存。';
    };
    return true;
  };
})();
