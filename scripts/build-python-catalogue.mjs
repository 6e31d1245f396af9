// Regenerates server/src/data/python-blocking-apis.json: the blocking Python APIs (and the known
// coroutine functions) the Python rules match by qualified name. The ASYNC2xx lists of Ruff and
// flake8-async are read from the shared reference (../shared/reference/python-async-rules.md);
// what the reference does not cover (socket, sqlite3, shutil, hashlib, database and cloud clients,
// threading and queue waits, concurrent.futures) is listed here. The output is committed so that
// a clone without shared/ still builds; `node scripts/build-python-catalogue.mjs` refreshes it and
// `--check` exits 1 when the committed file is not what the script makes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const referenceUrl = new URL('../../shared/reference/python-async-rules.md', import.meta.url);
const outputUrl = new URL('../server/src/data/python-blocking-apis.json', import.meta.url);
const TO_THREAD = 'await asyncio.to_thread(...)';

/** Expands `a.{b, c}` and `os.spawn{l,le}` into the names. */
function expand(name) {
  const brace = /^(.*?)\{([^}]*)\}(.*)$/.exec(name);
  if (!brace) return [name];
  return brace[2].split(',').map((part) => part.trim()).filter(Boolean).flatMap((part) => expand(brace[1] + part + brace[3]));
}

/** The flagged names of one ASYNC2xx row of the reference (flake8-async's and Ruff's lists). */
function namesOfRow(cell) {
  const names = new Set();
  for (const match of cell.matchAll(/((?:`[\w.]+\.` \/ )*`[\w.]+\.`) \+ `([\w, ]+)`/g)) {
    const prefixes = [...match[1].matchAll(/`([\w.]+\.)`/g)].map((prefix) => prefix[1]);
    for (const prefix of prefixes) for (const method of match[2].split(',')) names.add(prefix + method.trim());
  }
  const stripped = cell.replace(/((?:`[\w.]+\.` \/ )*`[\w.]+\.`) \+ `([\w, ]+)`/g, '');
  for (const match of stripped.matchAll(/`([A-Za-z_][\w.]*(?:\{[\w, ]+\}[\w]*)?(?:\(\.\.\.\)|\(\))?)`/g)) {
    for (const name of expand(match[1])) names.add(name);
  }
  return [...names];
}

function readReference() {
  if (!existsSync(referenceUrl)) return undefined;
  const rows = new Map();
  for (const line of readFileSync(referenceUrl, 'utf8').split('\n')) {
    const row = /^\| (ASYNC2\d\d) \| [\w-]+ \| (.*?) \| (.*?) \| (yes|no|\*\*no\*\*)/.exec(line);
    if (row) rows.set(row[1], { flagged: row[2], suggestion: row[3] });
  }
  return rows;
}

/** What each reference row becomes: which names are kept and the alternative they suggest. */
const FROM_REFERENCE = {
  ASYNC210: { keep: (name) => /^(requests|httpx|httpx2)\.\w+$|^urllib\.request\.urlopen$|^urllib3\.request$/.test(name), alternative: 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`)', category: 'http' },
  ASYNC212: { keep: () => false },
  ASYNC220: { keep: (name) => /^(subprocess\.Popen|os\.popen|os\.spawn\w+)$/.test(name), alternative: '`await asyncio.create_subprocess_exec(...)`', category: 'subprocess' },
  ASYNC221: { keep: (name) => /^(subprocess\.\w+|os\.system|os\.posix_spawnp?)$/.test(name), alternative: '`await asyncio.create_subprocess_exec(...)` and `await proc.communicate()`', category: 'subprocess' },
  ASYNC222: { keep: (name) => /^os\.wait\w*$/.test(name), alternative: '`await proc.wait()` on an asyncio subprocess, or `await asyncio.to_thread(...)`', category: 'subprocess' },
  ASYNC230: { keep: (name) => /^(builtins\.open|io\.open|io\.open_code)$/.test(name), alternative: '`aiofiles.open(...)` or `await asyncio.to_thread(...)`', category: 'file' },
  ASYNC231: { keep: (name) => name === 'os.fdopen', alternative: '`aiofiles` or `await asyncio.to_thread(...)`', category: 'file' },
  ASYNC240: { keep: (name) => /^os\.path\.[a-z]\w*$/.test(name) && !PURE_OS_PATH.has(name.slice('os.path.'.length)), alternative: TO_THREAD, category: 'file' },
  ASYNC250: { keep: (name) => name === 'input()', rename: () => 'builtins.input', alternative: '`await asyncio.to_thread(input, prompt)`', category: 'input' },
  ASYNC251: { keep: (name) => name === 'time.sleep', alternative: '`await asyncio.sleep(...)`', category: 'sleep', fix: 'asyncio.sleep' },
};
/**
 * os.path functions Ruff's ASYNC240 flags beyond flake8-async's list (Ruff flags every os.path call
 * outside a pure allow-list): each reads the working directory, the file system or the password database.
 * (`normpath`, which both flag, is left out: it only rewrites the string.)
 */
const RUFF_ONLY_OS_PATH = ['abspath', 'expanduser', 'isjunction', 'isdevdrive'];
/**
 * Calls that ask the kernel or the environment for what it holds in memory (the working directory,
 * `$HOME`), without disk or network I/O: reported, as Ruff's ASYNC240 reports them, but as info
 * (`quick`), since on a request path they cost microseconds. (`expanduser` reads the password
 * database only when `$HOME` is unset.)
 */
const QUICK = new Set(['os.path.abspath', 'os.path.expanduser', 'pathlib.Path().absolute', 'pathlib.Path().expanduser']);
const PURE_OS_PATH = new Set(['basename', 'commonpath', 'commonprefix', 'dirname', 'expandvars', 'isabs', 'join', 'normcase', 'split', 'splitdrive', 'splitext', 'splitroot', 'samestat', 'normpath']);

/** Blocking APIs the reference does not list; `Class()` stands for an instance (`c = httpx.Client(); c.get`). */
const EXTRA = [
  ['http', 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`)', [
    'requests.request', 'requests.Session().{get,post,put,patch,delete,head,options,request,send}',
    'requests.sessions.Session().{get,post,put,patch,delete,head,options,request,send}',
    'httpx.Client().{get,post,put,patch,delete,head,options,request,send,stream,close}', 'httpx.stream',
    'httpx2.Client().{get,post,put,patch,delete,head,options,request,send,stream,close}', 'httpx2.stream',
    'urllib3.PoolManager().{request,urlopen,request_encode_url,request_encode_body}',
    'urllib3.HTTPConnectionPool().{request,urlopen}', 'urllib3.HTTPSConnectionPool().{request,urlopen}',
    'urllib.request.urlretrieve', 'urllib.request.build_opener().open', 'http.client.HTTPConnection().{request,getresponse}',
    'http.client.HTTPSConnection().{request,getresponse}',
  ]],
  ['file', '`aiofiles` or `await asyncio.to_thread(...)`', [
    'pathlib.Path().{exists,is_dir,is_file,is_symlink,is_mount,is_junction,is_block_device,is_char_device,is_fifo,is_socket,stat,lstat,lchmod,read_text,read_bytes,write_text,write_bytes,open,iterdir,glob,rglob,mkdir,rmdir,unlink,rename,replace,touch,resolve,samefile,chmod,owner,group,readlink,walk,expanduser,absolute,symlink_to,hardlink_to,link_to,copy,copy_into,move,move_into}',
    'pathlib.PosixPath().{exists,read_text,read_bytes,write_text,write_bytes,open,iterdir,glob,stat,unlink,mkdir}',
    'os.{listdir,scandir,walk,stat,lstat,remove,unlink,rename,replace,mkdir,makedirs,rmdir,removedirs,chmod,chown,link,symlink,readlink,truncate,fsync,access,utime}',
    'shutil.{copy,copy2,copyfile,copyfileobj,copytree,move,rmtree,make_archive,unpack_archive,disk_usage,which,chown}',
    'tempfile.{mkstemp,mkdtemp,TemporaryFile,NamedTemporaryFile,TemporaryDirectory}',
    'gzip.open', 'tarfile.open',
    // flake8-async's ASYNC232, for a sync file object handed in (`async def f(fh: io.TextIOWrapper): fh.read()`).
    // A file opened in the code at hand is reported once, at its `open` (not at each read of it).
    'io.{TextIOWrapper,BufferedReader,BufferedWriter,BufferedRandom}().{read,read1,readinto,readline,readlines,write,writelines,flush,seek,truncate,peek}',
  ]],
  ['socket', 'asyncio streams (`await asyncio.open_connection(...)`) or `loop.sock_*`', [
    'socket.create_connection', 'socket.getaddrinfo', 'socket.gethostbyname', 'socket.gethostbyaddr', 'socket.getfqdn',
    'socket.socket().{connect,accept,recv,recv_into,recvfrom,send,sendall,sendto,makefile,sendfile}',
    'socket.create_connection().{recv,recv_into,send,sendall,makefile}',
    'ssl.SSLSocket().{recv,send,sendall,do_handshake}',
    'smtplib.SMTP', 'smtplib.SMTP().{sendmail,send_message,login,starttls,quit}', 'ftplib.FTP', 'ftplib.FTP().{login,retrbinary,storbinary,retrlines}',
    'telnetlib.Telnet',
  ]],
  ['database', 'an async driver (`aiosqlite`, `asyncpg`, `aiomysql`) or `await asyncio.to_thread(...)`', [
    'sqlite3.connect', 'sqlite3.connect().{execute,executemany,executescript,commit,rollback,backup}',
    'sqlite3.connect().cursor().{execute,executemany,executescript,fetchone,fetchmany,fetchall}',
    'psycopg2.connect', 'psycopg2.connect().{commit,rollback}', 'psycopg2.connect().cursor().{execute,executemany,fetchone,fetchmany,fetchall,callproc}',
    'psycopg.connect', 'psycopg.connect().{execute,commit,rollback}', 'psycopg.connect().cursor().{execute,executemany,fetchone,fetchmany,fetchall}',
    'pymysql.connect', 'pymysql.connect().{commit,rollback,ping}', 'pymysql.connect().cursor().{execute,executemany,fetchone,fetchmany,fetchall}',
    'MySQLdb.connect', 'mysql.connector.connect',
    'sqlalchemy.create_engine().{connect,begin,execute}', 'sqlalchemy.orm.Session().{execute,commit,query,get,flush,scalars,scalar}',
    'pymongo.MongoClient().*.*.{find_one,insert_one,insert_many,update_one,update_many,delete_one,delete_many,count_documents,aggregate}',
  ]],
  ['redis', '`redis.asyncio` (`await r.get(...)`)', [
    'redis.Redis().{get,set,delete,exists,expire,incr,decr,hget,hset,hgetall,hdel,lpush,rpush,lpop,rpop,blpop,brpop,sadd,smembers,srem,zadd,zrange,publish,keys,scan,mget,mset,ping,pipeline().execute,execute_command}',
    'redis.StrictRedis().{get,set,delete,hget,hset,lpush,rpush,blpop,brpop,publish,ping}',
    'redis.from_url().{get,set,delete,exists,expire,incr,hget,hset,hgetall,lpush,rpush,blpop,brpop,publish,ping}',
    'redis.Redis.from_url().{get,set,delete,exists,expire,incr,hget,hset,hgetall,lpush,rpush,blpop,brpop,publish,ping}',
  ]],
  ['cloud', '`aioboto3` / `aiobotocore`, or `await asyncio.to_thread(...)`', [
    'boto3.client().*', 'boto3.resource().*', 'boto3.session.Session().client().*', 'boto3.Session().client().*',
  ]],
  ['cpu', TO_THREAD, [
    'hashlib.pbkdf2_hmac', 'hashlib.scrypt', 'bcrypt.hashpw', 'bcrypt.checkpw', 'bcrypt.kdf', 'bcrypt.gensalt',
    'passlib.hash.bcrypt.hash', 'passlib.hash.bcrypt.verify', 'argon2.PasswordHasher().{hash,verify}',
  ]],
  ['wait', 'an asyncio primitive (`asyncio.Lock`, `asyncio.Event`, `asyncio.Queue`), or `await asyncio.to_thread(...)`', [
    'threading.Lock().acquire', 'threading.RLock().acquire', 'threading.Semaphore().acquire', 'threading.BoundedSemaphore().acquire',
    'threading.Event().wait', 'threading.Condition().{wait,wait_for}', 'threading.Barrier().wait', 'threading.Thread().join',
    'queue.Queue().{get,join}', 'queue.LifoQueue().{get,join}', 'queue.PriorityQueue().{get,join}', 'queue.SimpleQueue().get',
    'multiprocessing.Queue().get', 'multiprocessing.Process().join', 'multiprocessing.Pool().{map,apply,starmap,join}',
    'subprocess.Popen().{wait,communicate}',
  ]],
  ['future', '`await asyncio.wrap_future(future)` (or `await loop.run_in_executor(...)`)', [
    'concurrent.futures.*Executor().submit().result', 'concurrent.futures.*Executor().submit().exception',
    'concurrent.futures.*Executor().map', 'concurrent.futures.wait', 'concurrent.futures.as_completed',
    'concurrent.futures.Future().result', 'asyncio.run_coroutine_threadsafe().result',
  ]],
];

/** Coroutine functions outside the project: calling one without `await` creates a coroutine that never runs. */
const ASYNC_APIS = [
  'asyncio.sleep', 'asyncio.wait_for', 'asyncio.wait', 'asyncio.open_connection', 'asyncio.open_unix_connection', 'asyncio.start_server',
  'asyncio.start_unix_server', 'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell', 'asyncio.to_thread',
  'asyncio.Queue().{get,put,join}', 'asyncio.PriorityQueue().{get,put,join}', 'asyncio.LifoQueue().{get,put,join}',
  'asyncio.Event().wait', 'asyncio.Lock().acquire', 'asyncio.Semaphore().acquire', 'asyncio.BoundedSemaphore().acquire',
  'asyncio.Condition().{wait,wait_for,acquire}', 'asyncio.Barrier().wait',
  'asyncio.open_connection().*.{read,readline,readexactly,readuntil}',
  'asyncio.get_event_loop().{sock_recv,sock_sendall,sock_connect,sock_accept,getaddrinfo,create_connection,create_server,run_in_executor,shutdown_asyncgens}',
  'asyncio.get_running_loop().{sock_recv,sock_sendall,sock_connect,sock_accept,getaddrinfo,create_connection,create_server,shutdown_asyncgens}',
  'aiohttp.ClientSession().{get,post,put,patch,delete,head,options,request,close,ws_connect}',
  'aiohttp.request',
  'httpx.AsyncClient().{get,post,put,patch,delete,head,options,request,send,aclose}',
  'httpx2.AsyncClient().{get,post,put,patch,delete,head,options,request,send,aclose}',
  'asyncpg.connect', 'asyncpg.create_pool', 'asyncpg.connect().{fetch,fetchrow,fetchval,execute,executemany,close}',
  'asyncpg.create_pool().{fetch,fetchrow,fetchval,execute,executemany,acquire,close}',
  'aiofiles.open', 'aiofiles.os.{remove,rename,stat,mkdir,makedirs,listdir}',
  'aiosqlite.connect', 'aiosqlite.connect().{execute,commit,close}',
  'redis.asyncio.Redis().{get,set,delete,hget,hset,publish,ping}', 'redis.asyncio.from_url().{get,set,delete,hget,hset,publish,ping}',
];

export function buildCatalogue(reference = readReference()) {
  const blocking = [];
  const seen = new Set();
  const add = (name, fields) => {
    if (seen.has(name)) return;
    seen.add(name);
    blocking.push({ name, ...fields, fix: fields.fix ?? 'asyncio.to_thread', ...(QUICK.has(name) ? { quick: true } : {}) });
  };
  if (reference) {
    for (const [code, rule] of Object.entries(FROM_REFERENCE)) {
      const row = reference.get(code);
      if (!row) throw new Error(`the reference has no ${code} row`);
      for (const name of namesOfRow(row.flagged)) {
        if (!rule.keep(name)) continue;
        add(rule.rename ? rule.rename(name) : name, { category: rule.category, alternative: rule.alternative, source: code, ...(rule.fix ? { fix: rule.fix } : {}) });
      }
    }
    for (const name of RUFF_ONLY_OS_PATH) add(`os.path.${name}`, { category: 'file', alternative: FROM_REFERENCE.ASYNC240.alternative, source: 'ASYNC240' });
  } else {
    // No reference at hand: keep the committed entries that came from it.
    for (const entry of JSON.parse(readFileSync(outputUrl, 'utf8')).blocking) if (entry.source !== 'loopguard') add(entry.name, entry);
  }
  for (const [category, alternative, names] of EXTRA) {
    for (const name of names.flatMap(expand)) add(name, { category, alternative, source: 'loopguard' });
  }
  return { blocking, async: ASYNC_APIS.flatMap(expand) };
}

const text = JSON.stringify(buildCatalogue(), null, 1) + '\n';
if (process.argv.includes('--check')) {
  const current = readFileSync(outputUrl, 'utf8');
  if (current !== text) {
    console.error('server/src/data/python-blocking-apis.json is not what scripts/build-python-catalogue.mjs makes: run it');
    process.exit(1);
  }
} else {
  writeFileSync(outputUrl, text);
  const catalogue = JSON.parse(text);
  console.log(`wrote ${catalogue.blocking.length} blocking APIs (${catalogue.blocking.filter((entry) => entry.source !== 'loopguard').length} from the reference) and ${catalogue.async.length} coroutine functions`);
}
