// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libm as programs use it, on a table of inputs, every result printed
 * exactly (%a). tests/libm.sh compares:
 *   libm-client host   passed through, on any guest ISA, with the x86_64
 *                      program run natively: the host's libm computed it,
 *                      so every bit and every errno must be the same;
 *   libm-client guest  passed through with plain emulation of the same
 *                      ISA: what runs in the guest's own libm (long
 *                      double, lgamma's signgam, everything after the
 *                      program sets its rounding mode).
 */
#include <complex.h>
#include <errno.h>
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const double inputs[] = {
    0.0,
    -0.0,
    1e-310,
    1e-300,
    0.1,
    0.5,
    0.7853981633974483,
    1.0,
    -1.0,
    1.5,
    2.0,
    3.141592653589793,
    10.0,
    22.5,
    -37.75,
    100.0,
    709.0,
    710.0,
    -745.5,
    1e10,
    1e300,
    1e22,
    INFINITY,
    -INFINITY,
    NAN,
};
#define COUNT (sizeof(inputs) / sizeof(inputs[0]))

/* One result and the errno the call left (0 before it). */
static void show(const char *name, double x, double result)
{
	printf("%s(%a) = %a errno %d\n", name, x, result, errno);
}

/* A float's bits: converting a NaN to double loses its sign on riscv64
 * (the conversion makes every NaN the canonical one). */
static void showf(const char *name, float x, float result)
{
	uint32_t bits;

	memcpy(&bits, &result, sizeof(bits));
	printf("%s(%a) = %08" PRIx32 " errno %d\n", name, (double)x, bits,
	       errno);
}

#define ONE(f)                                                                 \
	for (size_t i = 0; i < COUNT; i++) {                                   \
		double r;                                                      \
		errno = 0;                                                     \
		r = f(inputs[i]);                                              \
		show(#f, inputs[i], r);                                        \
	}

#define ONEF(f)                                                                \
	for (size_t i = 0; i < COUNT; i++) {                                   \
		float r;                                                       \
		errno = 0;                                                     \
		r = f((float)inputs[i]);                                       \
		showf(#f, (float)inputs[i], r);                                \
	}

#define TWO(f)                                                                 \
	for (size_t i = 0; i < COUNT; i += 2)                                  \
		for (size_t j = 1; j < COUNT; j += 3) {                        \
			double r;                                              \
			errno = 0;                                             \
			r = f(inputs[i], inputs[j]);                           \
			printf("%s(%a, %a) = %a errno %d\n", #f, inputs[i],    \
			       inputs[j], r, errno);                           \
		}

/* What the host's libm computes: the same bits as natively on x86_64. */
static void host_results(void)
{
	int exponent;
	double integral;
	long quotient;

	ONE(sin)
	ONE(cos) ONE(tan) ONE(asin) ONE(acos) ONE(atan) ONE(sinh) ONE(cosh) ONE(
	    tanh) ONE(asinh) ONE(acosh) ONE(atanh) ONE(exp) ONE(exp2) ONE(exp10)
	    ONE(expm1) ONE(log) ONE(log2) ONE(log10) ONE(log1p) ONE(sqrt)
		ONE(cbrt) ONE(erf) ONE(erfc) ONE(tgamma) ONE(j0) ONE(y0)
		    ONE(floor) ONE(ceil) ONE(round) ONE(trunc) ONE(rint)
			ONE(nearbyint) ONE(logb) ONE(significand) ONEF(sinf)
			    ONEF(cosf) ONEF(expf) ONEF(logf) ONEF(sqrtf)
				ONEF(tanhf) ONEF(exp2f) ONEF(log2f) TWO(pow)
				    TWO(atan2) TWO(fmod) TWO(hypot)
					TWO(remainder) TWO(fdim) TWO(copysign)
					    TWO(nextafter)
						TWO(fmax) for (size_t i = 0;
							       i < COUNT; i++)
	{
		double fraction, sine, cosine, gamma;
		int sign = 0;

		errno = 0;
		fraction = frexp(inputs[i], &exponent);
		printf("frexp(%a) = %a, %d\n", inputs[i], fraction, exponent);
		fraction = modf(inputs[i], &integral);
		printf("modf(%a) = %a, %a\n", inputs[i], fraction, integral);
		fraction = remquo(inputs[i], 0.75, (int *)&quotient);
		printf("remquo(%a) = %a, %d\n", inputs[i], fraction,
		       (int)quotient);
		sincos(inputs[i], &sine, &cosine);
		printf("sincos(%a) = %a, %a\n", inputs[i], sine, cosine);
		errno = 0;
		gamma = lgamma_r(inputs[i], &sign);
		printf("lgamma_r(%a) = %a, %d errno %d\n", inputs[i], gamma,
		       sign, errno);
		printf("ldexp(%a, 40) = %a, ilogb %d, lrint %ld, fpclassify "
		       "%d, isnan %d\n",
		       inputs[i], ldexp(inputs[i], 40), ilogb(inputs[i]),
		       lrint(inputs[i] / 1e300), fpclassify(inputs[i]),
		       isnan(inputs[i]));
	}
	for (size_t i = 0; i + 1 < COUNT; i++) {
		double complex z = CMPLX(inputs[i], inputs[i + 1]);
		double complex e = cexp(z), s = csqrt(z), p = cpow(z, 0.5);

		printf("cexp(%a, %a) = %a, %a\n", creal(z), cimag(z), creal(e),
		       cimag(e));
		printf("csqrt = %a, %a; cpow = %a, %a; cabs = %a; carg = %a\n",
		       creal(s), cimag(s), creal(p), cimag(p), cabs(z),
		       carg(z));
	}
	printf("nan(\"123\") = %a, fma = %a\n", nan("123"),
	       fma(0.1, 10.0, -1.0));
}

/* What runs in the guest's own libm: the same bits as plain emulation. */
static void guest_results(void)
{
	int sign;

	for (size_t i = 0; i < COUNT; i++) {
		long double x = inputs[i];
		double gamma;

		printf("sinl(%a) = %La, expl = %La, powl = %La\n", inputs[i],
		       sinl(x), expl(x), powl(x, 1.5L));
		errno = 0;
		signgam = 0;
		gamma = lgamma(inputs[i]);
		sign = signgam;
		printf("lgamma(%a) = %a, signgam %d errno %d\n", inputs[i],
		       gamma, sign, errno);
	}
	printf("rounding %d\n", fegetround());
	/* From here on the program owns its floating-point environment. */
	if (fesetround(FE_UPWARD) != 0)
		printf("fesetround failed\n");
	printf("rounding %d\n", fegetround());
	feclearexcept(FE_ALL_EXCEPT);
	ONE(exp)
	ONE(sin) ONE(log) ONEF(expf)
	    printf("overflow %d\n", fetestexcept(FE_OVERFLOW) != 0);
	feclearexcept(FE_ALL_EXCEPT);
	errno = 0;
	printf("sqrt(-1) = %a errno %d invalid %d\n", sqrt(-1.0), errno,
	       fetestexcept(FE_INVALID) != 0);
	fesetround(FE_TONEAREST);
}

int main(int argc, char **argv)
{
	if (argc != 2 ||
	    (strcmp(argv[1], "host") != 0 && strcmp(argv[1], "guest") != 0)) {
		fprintf(stderr, "usage: libm-client host|guest\n");
		return 2;
	}
	if (argv[1][0] == 'h')
		host_results();
	else
		guest_results();
	return 0;
}
