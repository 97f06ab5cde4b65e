import Database from 'better-sqlite3';
const raw = new Database(':memory:');
const st = raw.prepare('select 1');
const bench = (f: () => unknown, n = 20000) => { for (let i = 0; i < 2000; i++) f(); const t = process.hrtime.bigint(); for (let i = 0; i < n; i++) f(); return Number(process.hrtime.bigint() - t) / n / 1000; };
console.log('select 1 all', bench(() => st.all()));
let x = 0; console.log('js loop', bench(() => { for (let i = 0; i < 1000; i++) x += i; }));
