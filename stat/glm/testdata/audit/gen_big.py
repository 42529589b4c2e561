#!/usr/bin/python3
"""The large case of glm_audit.py: gen_big.py OUT.csv SEED ROWS DISTRICTS."""
import numpy as np, csv, sys
rng=np.random.default_rng(int(sys.argv[2])); n=int(sys.argv[3]); nd=int(sys.argv[4])
d=rng.integers(0,nd,n); yr=rng.integers(2010,2020,n)
# a few singleton districts
d[:5]=np.arange(nd,nd+5)
g=rng.choice(["national","foreign"],n); age=rng.choice(["a","b","c"],n)
x=rng.normal(0,1,n).round(5); inc=np.exp(rng.normal(10,0.3,n)).round(2); pop=rng.integers(50,5000,n)
fe=rng.normal(0,0.5,nd+5); fy=rng.normal(0,0.2,2020)
mu=np.exp(np.log(pop)-5+0.4*(g=="foreign")+0.2*(age=="b")+0.1*x+0.3*np.log(inc/20000)+fe[d]+fy[yr])
y=rng.negative_binomial(4,4/(4+mu))
# an all-zero district
y[d==7]=0
with open(sys.argv[1],"w") as f:
    w=csv.writer(f,lineterminator="\n"); w.writerow(["suspects","group","age","x","income","pop","district","year"])
    for i in range(n): w.writerow([y[i],g[i],age[i],x[i],inc[i],pop[i],f"k{d[i]:04d}",yr[i]])
