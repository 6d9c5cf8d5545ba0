#include "point.h"

namespace cfsigner::p256 {

void addMixed(JacobianPoint& out, const JacobianPoint& a, uint32_t aIsInfinity,
              const AffinePoint& b, uint32_t bIsInfinity) {
  FieldElement z1z1, u2, s2, h, hh, i, j, r, v, t;
  JacobianPoint sum;
  square(z1z1, a.z);         // Z1Z1 = Z1^2
  mul(u2, b.x, z1z1);        // U2 = X2 * Z1Z1
  mul(s2, a.z, z1z1);
  mul(s2, b.y, s2);          // S2 = Y2 * Z1 * Z1Z1
  sub(h, u2, a.x);           // H = U2 - X1
  square(hh, h);             // HH = H^2
  add(i, hh, hh);
  add(i, i, i);              // I = 4 * HH
  mul(j, h, i);              // J = H * I
  sub(r, s2, a.y);
  add(r, r, r);              // r = 2 * (S2 - Y1)
  mul(v, a.x, i);            // V = X1 * I
  square(sum.x, r);
  sub(sum.x, sum.x, j);
  sub(sum.x, sum.x, v);
  sub(sum.x, sum.x, v);      // X3 = r^2 - J - 2V
  sub(t, v, sum.x);
  mul(sum.y, r, t);
  mul(t, a.y, j);
  add(t, t, t);
  sub(sum.y, sum.y, t);      // Y3 = r (V - X3) - 2 Y1 J
  add(t, a.z, h);
  square(sum.z, t);
  sub(sum.z, sum.z, z1z1);
  sub(sum.z, sum.z, hh);     // Z3 = (Z1 + H)^2 - Z1Z1 - HH

  // a at infinity: the sum is b (with Z = 1); b at infinity: the sum is a.
  const FieldElement one = fieldOne();
  select(sum.x, aIsInfinity, b.x, sum.x);
  select(sum.y, aIsInfinity, b.y, sum.y);
  select(sum.z, aIsInfinity, one, sum.z);
  select(out.x, bIsInfinity, a.x, sum.x);
  select(out.y, bIsInfinity, a.y, sum.y);
  select(out.z, bIsInfinity, a.z, sum.z);
}

void doublePoint(JacobianPoint& out, const JacobianPoint& a) {
  FieldElement delta, gamma, beta, alpha, t, u;
  square(delta, a.z);        // delta = Z1^2
  square(gamma, a.y);        // gamma = Y1^2
  mul(beta, a.x, gamma);     // beta = X1 * gamma
  sub(t, a.x, delta);
  add(u, a.x, delta);
  mul(alpha, t, u);
  add(t, alpha, alpha);
  add(alpha, alpha, t);      // alpha = 3 (X1 - delta)(X1 + delta)
  add(t, a.y, a.z);
  square(t, t);
  sub(t, t, gamma);
  sub(out.z, t, delta);      // Z3 = (Y1 + Z1)^2 - gamma - delta
  add(u, beta, beta);
  add(u, u, u);              // 4 beta
  square(out.x, alpha);
  sub(out.x, out.x, u);
  sub(out.x, out.x, u);      // X3 = alpha^2 - 8 beta
  sub(t, u, out.x);
  mul(t, alpha, t);
  square(gamma, gamma);
  add(gamma, gamma, gamma);
  add(gamma, gamma, gamma);
  add(gamma, gamma, gamma);  // 8 gamma^2
  sub(out.y, t, gamma);      // Y3 = alpha (4 beta - X3) - 8 gamma^2
}

}  // namespace cfsigner::p256
