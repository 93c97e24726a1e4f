-- A scripted sqlite3 shell session (tests/debian-clients.sh): its output
-- and the files it writes are compared with the native shell's.
pragma journal_mode=wal;
create table p(id integer primary key, name text, qty int, price real);
with recursive n(i) as (select 1 union all select i+1 from n where i<2000)
insert into p(name,qty,price) select 'item'||i, i%17, (i*37%1000)/10.0 from n;
create index p_qty on p(qty);
.mode json
select qty, count(*) c, round(avg(price),3) a from p group by qty order by qty limit 5;
.mode line
select hex(sha3(group_concat(name))) h, sum(price) s from p;
.mode column
.headers on
select name, qty, printf('%08.3f|%q|%w', price, name, name) from p where qty=3 order by price desc limit 4;
.sha3sum
.dump p
.vfsinfo
.vfslist
.backup main backup.db
.open --append app.bin
create table a(x); insert into a values('appended'), (zeroblob(3000));
select typeof(x), length(x) from a;
.vfsname
.open app.bin
select typeof(x), length(x) from a;
.open backup.db
select count(*) from p;
.mode csv
.headers on
.once out.csv
select * from p limit 10;
.import --csv out.csv imported
select count(*), sum(qty) from imported;
.expert
select * from p where name='item5';
.mode list
select name from no_such_table;
select 1/0, 'x' || null, quote(x'00ff'), unicode('é');
