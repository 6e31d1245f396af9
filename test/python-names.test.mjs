// Name resolution in one Python module (engine/python/names.ts): what a callee means by Python's
// scoping rules, so rules match APIs by meaning and never by spelling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineModule } from './helpers/engine.mjs';

const { preparePython, parsePython, ModuleNames } = engineModule;
await preparePython();

/** The qualified names of every call whose callee text is `callee`, in source order. */
function calleeNames(source, callee, moduleName = 'app.main', isPackage = false) {
  const tree = parsePython(source);
  const names = new ModuleNames(tree.rootNode, moduleName, isPackage);
  const result = tree.rootNode.descendantsOfType('call').filter((call) => call.childForFieldName('function').text === callee).map((call) => names.calleeName(call) ?? null);
  tree.delete();
  return result;
}

test('imports, aliases and assignments resolve to the API', () => {
  assert.deepEqual(calleeNames('import time\ntime.sleep(1)', 'time.sleep'), ['time.sleep']);
  assert.deepEqual(calleeNames('import time as t\nt.sleep(1)', 't.sleep'), ['time.sleep']);
  assert.deepEqual(calleeNames('from time import sleep as nap\nnap(1)', 'nap'), ['time.sleep']);
  assert.deepEqual(calleeNames('import time\nsleep = time.sleep\ndef f():\n    sleep(1)', 'sleep'), ['time.sleep']);
  assert.deepEqual(calleeNames('import os.path\nos.path.exists(p)', 'os.path.exists'), ['os.path.exists']);
  assert.deepEqual(calleeNames('import httpx\nasync def f():\n    client = httpx.Client()\n    client.get(u)', 'client.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames('import httpx\nasync def f():\n    with httpx.Client() as c:\n        c.get(u)', 'c.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames('open(p)', 'open'), ['builtins.open']);
});

test('look-alikes are not the API', () => {
  assert.deepEqual(calleeNames('from asyncio import sleep\nasync def f():\n    await sleep(1)', 'sleep'), ['asyncio.sleep']);
  assert.deepEqual(calleeNames('class A:\n    def sleep(self): pass\n    async def f(self):\n        self.sleep()', 'self.sleep'), [null]);
  assert.deepEqual(calleeNames('def open(p): pass\nopen(p)', 'open'), ['app.main.open']);
  assert.deepEqual(calleeNames('async def f(open):\n    open(p)', 'open'), [null]);
  assert.deepEqual(calleeNames('import time\nasync def f(time):\n    time.sleep(1)', 'time.sleep'), [null]);
  assert.deepEqual(calleeNames('import time\nfor sleep in xs:\n    sleep(1)', 'sleep'), [null]);
  // Bound twice: which value it holds is not known.
  assert.deepEqual(calleeNames('import time, asyncio\ns = time.sleep\ns = asyncio.sleep\ns(1)', 's'), [null]);
});

test('scopes: class bodies are invisible to methods, global reaches the module', () => {
  assert.deepEqual(calleeNames('import time\nclass A:\n    sleep = print\n    def f(self):\n        sleep(1)', 'sleep'), ['builtins.sleep']);
  assert.deepEqual(calleeNames('import time\ndef g():\n    from time import sleep\n    def h():\n        sleep(1)', 'sleep'), ['time.sleep']);
  assert.deepEqual(calleeNames('import time\ndef g():\n    global s\n    s(1)\ns = time.sleep', 's'), ['time.sleep']);
  // A default value is evaluated in the enclosing scope: `open` there is the builtin.
  assert.deepEqual(calleeNames('def f(open=open(p)):\n    pass', 'open'), ['builtins.open']);
});

test('relative imports are made absolute from the module name', () => {
  assert.deepEqual(calleeNames('from .helpers import load\nload()', 'load', 'pkg.api.routes'), ['pkg.api.helpers.load']);
  assert.deepEqual(calleeNames('from ..db import q\nq()', 'q', 'pkg.api.routes'), ['pkg.db.q']);
  assert.deepEqual(calleeNames('from . import util\nutil.f()', 'util.f', 'pkg', true), ['pkg.util.f']);
  assert.deepEqual(calleeNames('from ... import x\nx()', 'x', 'pkg.mod'), [null]);
});

test('a parameter annotated with a class is an instance of it (Optional and `| None` unwrapped); other annotations are not', () => {
  const source = (annotation) => `import httpx\nfrom typing import Optional\nasync def f(client${annotation}):\n    client.get(u)`;
  assert.deepEqual(calleeNames(source(': httpx.Client'), 'client.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames(source(': httpx.Client | None = None'), 'client.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames(source(': Optional[httpx.Client]'), 'client.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames(source(': "httpx.Client"'), 'client.get'), [null]);
  assert.deepEqual(calleeNames(source(': list[httpx.Client]'), 'client.get'), [null]);
  assert.deepEqual(calleeNames(source(': httpx.Client | httpx.AsyncClient'), 'client.get'), [null]);
  assert.deepEqual(calleeNames(source(''), 'client.get'), [null]);
});

test("self.<attribute> in a method means the one value the class gives it (instanceAttributes.ts)", () => {
  const service = (body, extra = '') => `import requests, httpx\nclass Service:\n${extra}    def __init__(self):\n${body}\n    async def handle(self, url):\n        self.session.get(url)\n`;
  // Set in __init__; None first and set later; annotated in the class body or on the assignment.
  assert.deepEqual(calleeNames(service('        self.session = requests.Session()'), 'self.session.get'), ['requests.Session().get']);
  assert.deepEqual(calleeNames(service('        self.session = None\n    def connect(self):\n        self.session = requests.Session()'), 'self.session.get'), ['requests.Session().get']);
  assert.deepEqual(calleeNames(service('        pass', '    session: httpx.Client\n'), 'self.session.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames(service('        self.session: httpx.Client | None = make()'), 'self.session.get'), ['httpx.Client().get']);
  assert.deepEqual(calleeNames(service('        self.session = make()'), 'self.session.get'), ['builtins.make().get']);
  assert.deepEqual(calleeNames(service('        self.session: httpx.Client | None = None'), 'self.session.get'), ['httpx.Client().get']);
  // A class-level value, and a use inside a nested function of the method.
  assert.deepEqual(calleeNames('import requests\nclass S:\n    session = requests.Session()\n    async def f(self):\n        def inner():\n            return self.session.get(u)\n        return inner()', 'self.session.get'), ['requests.Session().get']);
  // Not one thing: two different values, an augmented or tuple assignment, a del; a parameter's value.
  assert.deepEqual(calleeNames(service('        self.session = requests.Session()\n    def swap(self):\n        self.session = httpx.AsyncClient()'), 'self.session.get'), [null]);
  assert.deepEqual(calleeNames(service('        self.session = requests.Session()\n    def pair(self):\n        self.session, self.other = a, b'), 'self.session.get'), [null]);
  assert.deepEqual(calleeNames(service('        self.session = requests.Session()\n    def drop(self):\n        del self.session'), 'self.session.get'), [null]);
  assert.deepEqual(calleeNames('class S:\n    def __init__(self, session):\n        self.session = session\n    async def f(self):\n        self.session.get(u)', 'self.session.get'), [null]);
  // Not the instance: a staticmethod's first parameter, a nested class's self, a receiver not named self.
  assert.deepEqual(calleeNames('import requests\nclass S:\n    def __init__(self):\n        self.session = requests.Session()\n    @staticmethod\n    async def f(self):\n        self.session.get(u)', 'self.session.get'), [null]);
  assert.deepEqual(calleeNames('import requests\nclass S:\n    def __init__(self):\n        self.session = requests.Session()\n    async def f(self):\n        class Inner:\n            def g(self):\n                self.session.get(u)', 'self.session.get'), [null]);
  // A method of the same name is not an attribute value.
  assert.deepEqual(calleeNames('import time\nclass A:\n    def sleep(self): pass\n    async def f(self):\n        self.sleep()', 'self.sleep'), [null]);
});
